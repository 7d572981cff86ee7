// The Node side of the round-trip conformance harness (see README.md beside this file):
// OpenAPI component schemas → JSON Schema, instances from json-schema-faker, checks with ajv.
//
// The npm packages come from the install that install.mjs made (ROUNDTRIP_NODE_HOME, a folder
// holding node_modules/), never from the repository tree.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const home = process.env.ROUNDTRIP_NODE_HOME && resolve(process.env.ROUNDTRIP_NODE_HOME);
if (!home) {
  throw new Error('ROUNDTRIP_NODE_HOME is not set: run tests/roundtrip/run.sh, or node tests/roundtrip/install.mjs TARGET_DIR first');
}
const require = createRequire(join(home, 'package.json'));
const jsfModule = require('json-schema-faker');
const jsf = jsfModule.JSONSchemaFaker || jsfModule.default || jsfModule;
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;
const yaml = require('js-yaml');

// Read from the install itself (some packages do not export their package.json).
const versionOf = (name) => JSON.parse(readFileSync(join(home, 'node_modules', name, 'package.json'), 'utf8')).version;
export const VERSIONS = Object.fromEntries(['json-schema-faker', 'ajv', 'ajv-formats', 'js-yaml'].map((n) => [n, versionOf(n)]));

// ---------------------------------------------------------------------------------------------
// Reading a spec

// YAML 1.2's core schema (what serde_yaml, which the generator uses, reads: `2020-01-01` is a
// string, `yes` is a string) plus YAML 1.1 merge keys, which the generator merges too.
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend([yaml.types.merge]);

export function loadDocument(path) {
  const text = readFileSync(path, 'utf8');
  if (/\.json$/i.test(path)) {
    try {
      return JSON.parse(text);
    } catch {
      // Some `.json` files are YAML; the generator reads both.
    }
  }
  return yaml.load(text, { schema: YAML_SCHEMA, json: true });
}

function dialectOf(doc) {
  if (doc && doc.swagger !== undefined) return 'swagger2';
  const version = String(doc && doc.openapi || '');
  if (version.startsWith('3.0')) return 'oas30';
  return 'oas31';
}

// Keywords whose value is one schema, an array of schemas, or a map of schemas.
const ONE = ['additionalProperties', 'not', 'contains', 'propertyNames', 'if', 'then', 'else',
  'additionalItems', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];

/** Calls `visit(schema)` on `schema` and every subschema below it (not through $ref). */
function eachSubschema(schema, visit) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  visit(schema);
  for (const key of ONE) if (schema[key] && typeof schema[key] === 'object') eachSubschema(schema[key], visit);
  for (const key of MANY) if (Array.isArray(schema[key])) schema[key].forEach((s) => eachSubschema(s, visit));
  if (schema.items) {
    if (Array.isArray(schema.items)) schema.items.forEach((s) => eachSubschema(s, visit));
    else eachSubschema(schema.items, visit);
  }
  for (const key of MAP) {
    if (schema[key] && typeof schema[key] === 'object') {
      for (const sub of Object.values(schema[key])) eachSubschema(sub, visit);
    }
  }
  if (schema.dependencies && typeof schema.dependencies === 'object') {
    for (const sub of Object.values(schema.dependencies)) if (!Array.isArray(sub)) eachSubschema(sub, visit);
  }
}

/** Rebuilds `schema`, applying `f` to every (sub)schema bottom-up-agnostic: f gets a shallow copy
 * whose subschemas are already rebuilt, and returns the replacement. */
function mapSchema(schema, f) {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return f(schema);
  const out = { ...schema };
  for (const key of ONE) if (out[key] && typeof out[key] === 'object') out[key] = mapSchema(out[key], f);
  for (const key of MANY) if (Array.isArray(out[key])) out[key] = out[key].map((s) => mapSchema(s, f));
  if (out.items && typeof out.items === 'object') {
    out.items = Array.isArray(out.items) ? out.items.map((s) => mapSchema(s, f)) : mapSchema(out.items, f);
  }
  for (const key of MAP) {
    if (out[key] && typeof out[key] === 'object' && !Array.isArray(out[key])) {
      out[key] = Object.fromEntries(Object.entries(out[key]).map(([k, s]) => [k, mapSchema(s, f)]));
    }
  }
  if (out.dependencies && typeof out.dependencies === 'object') {
    out.dependencies = Object.fromEntries(Object.entries(out.dependencies)
      .map(([k, s]) => [k, Array.isArray(s) ? s : mapSchema(s, f)]));
  }
  return f(out);
}

export function decodePointer(pointer) {
  return pointer.replace(/^#/, '').split('/').slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodeToken(token) {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolvePointer(root, ref) {
  let node = root;
  let tokens;
  try {
    tokens = decodePointer(decodeURIComponent(ref));
  } catch {
    tokens = decodePointer(ref);
  }
  for (const token of tokens) {
    if (node === null || typeof node !== 'object' || !(token in node)) return undefined;
    node = node[token];
  }
  return node;
}

function componentsOf(doc, dialect) {
  const section = dialect === 'swagger2' ? doc.definitions : doc.components && doc.components.schemas;
  return section && typeof section === 'object' ? section : {};
}

function componentPrefix(dialect) {
  return dialect === 'swagger2' ? '#/definitions/' : '#/components/schemas/';
}

/** The component a reference names, when it names one whole (`#/components/schemas/Pet`). */
function componentOfRef(ref, dialect) {
  const prefix = componentPrefix(dialect);
  if (typeof ref !== 'string' || !ref.startsWith(prefix)) return undefined;
  const rest = ref.slice(prefix.length);
  if (rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest).replace(/~1/g, '/').replace(/~0/g, '~');
  } catch {
    return rest.replace(/~1/g, '/').replace(/~0/g, '~');
  }
}

/**
 * OpenAPI's discriminator, which JSON Schema does not know, as JSON Schema: an object that a
 * schema with a discriminator stands for carries, in the discriminator's property, a name mapped
 * to the schema it is (the `mapping`'s keys that point at it, else the schema's own name).
 * - in `oneOf`/`anyOf` + `discriminator`, each member that is a `$ref` to a component gets
 *   `allOf: [member, {properties: {tag: {enum: names}}, required: [tag]}]`;
 * - a component that inherits (allOf) from a component with a discriminator takes its own names
 *   and those of the components inheriting from it in turn, in the same way.
 * The base itself is left as it is (the generator decodes any other tag as the base).
 * Returns the changed components (copies), and a note for each.
 */
function applyDiscriminators(components, dialect) {
  const out = { ...components };
  const notes = [];
  const discriminatorOf = (schema) => {
    const d = schema && schema.discriminator;
    if (typeof d === 'string') return { propertyName: d, mapping: {} }; // Swagger 2.0
    if (d && typeof d === 'object' && typeof d.propertyName === 'string') {
      return { propertyName: d.propertyName, mapping: d.mapping && typeof d.mapping === 'object' ? d.mapping : {} };
    }
    return undefined;
  };
  // Whether a component fixes the tag's values itself (an enum or const on the property, in
  // its own properties or its inline allOf members): publishers often tag `Dog` with `dog`
  // without a mapping, and the generator reads that enum.
  const fixesTag = (name, property) => {
    const schema = components[name];
    const parts = [schema, ...(schema && Array.isArray(schema.allOf) ? schema.allOf : [])];
    return parts.some((part) => {
      const p = part && part.properties && part.properties[property];
      return p && typeof p === 'object' && (Array.isArray(p.enum) || 'const' in p);
    });
  };
  // The tags that name `name`: the mapping's keys that point at it, else its own name (unless
  // it fixes its tag itself: then undefined, no constraint).
  const mappedTo = (discriminator, name) => {
    const names = [];
    for (const [tag, target] of Object.entries(discriminator.mapping)) {
      const targetName = componentOfRef(String(target), dialect) || (String(target).includes('/') ? undefined : String(target));
      if (targetName === name) names.push(tag);
    }
    if (names.length) return names;
    return fixesTag(name, discriminator.propertyName) ? undefined : [name];
  };
  const tagSchema = (property, names) => ({ properties: { [property]: { enum: names } }, required: [property] });

  // Unions with a discriminator.
  for (const [name, schema] of Object.entries(components)) {
    out[name] = mapSchema(schema, (s) => {
      const d = discriminatorOf(s);
      if (!d) return s;
      for (const key of ['oneOf', 'anyOf']) {
        if (!Array.isArray(s[key])) continue;
        s[key] = s[key].map((member) => {
          const target = member && componentOfRef(member.$ref, dialect);
          const names = target && mappedTo(d, target);
          if (!names) return member;
          return { allOf: [member, tagSchema(d.propertyName, names)] };
        });
      }
      return s;
    });
  }

  // Inheritance: children of each component through allOf.
  const children = {};
  for (const [name, schema] of Object.entries(components)) {
    if (!schema || !Array.isArray(schema.allOf)) continue;
    for (const member of schema.allOf) {
      const parent = member && componentOfRef(member.$ref, dialect);
      if (parent) (children[parent] ||= []).push(name);
    }
  }
  const descendants = (name, seen = new Set()) => {
    for (const child of children[name] || []) {
      if (!seen.has(child)) {
        seen.add(child);
        descendants(child, seen);
      }
    }
    return seen;
  };
  for (const [base, schema] of Object.entries(components)) {
    const d = discriminatorOf(schema);
    if (!d) continue;
    for (const sub of descendants(base)) {
      const each = [sub, ...descendants(sub)].map((n) => mappedTo(d, n));
      if (each.includes(undefined)) continue; // one of them fixes its tag itself
      const names = [...new Set(each.flat())];
      const current = out[sub];
      out[sub] = { ...current, allOf: [...(current.allOf || []), tagSchema(d.propertyName, names)] };
      notes.push(`${sub}: ${d.propertyName} in ${JSON.stringify(names)} (inherits ${base}'s discriminator)`);
    }
  }
  breakUnionCycles(out, dialect, notes);
  return { components: out, notes };
}

/**
 * springdoc writes inheritance both ways: the base lists its subtypes (`oneOf`, with a
 * discriminator) and each subtype is `allOf: [base, ...]`. As JSON Schema that is a loop that
 * consumes no data (a validator recurses until its stack ends); as OpenAPI it means that the
 * subtype has the base's properties. So a subtype's `allOf` reference to a base that lists it in
 * its `oneOf`/`anyOf` is pointed at a copy of the base without them (`<Base>__base`).
 */
function breakUnionCycles(components, dialect, notes) {
  const prefix = componentPrefix(dialect);
  for (const [base, schema] of Object.entries({ ...components })) {
    if (!schema || typeof schema !== 'object') continue;
    const members = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])]
      .map((member) => {
        // A member may have been wrapped by applyDiscriminators: {allOf: [{$ref}, tag]}.
        const ref = member && (member.$ref || (Array.isArray(member.allOf) && member.allOf[0] && member.allOf[0].$ref));
        return componentOfRef(ref, dialect);
      })
      .filter(Boolean);
    for (const sub of new Set(members)) {
      const subSchema = components[sub];
      if (!subSchema || !Array.isArray(subSchema.allOf)) continue;
      const index = subSchema.allOf.findIndex((part) => part && componentOfRef(part.$ref, dialect) === base);
      if (index === -1) continue;
      const copy = `${base}__base`;
      if (!components[copy]) {
        const { oneOf, anyOf, discriminator, ...rest } = schema;
        components[copy] = rest;
      }
      const allOf = subSchema.allOf.slice();
      allOf[index] = { $ref: prefix + encodeToken(copy) };
      components[sub] = { ...subSchema, allOf };
      notes.push(`${sub}: inherits ${base} without its oneOf/anyOf (a loop otherwise)`);
    }
  }
}

/**
 * The spec's component schemas as one JSON Schema 2020-12 document `{$defs: {...}}`, with every
 * reference rewritten to point into it. OpenAPI 3.0 and Swagger 2.0 dialects are rewritten:
 * `nullable`/`x-nullable` → a `null` type (and `null` in an `enum`), boolean
 * `exclusiveMinimum`/`exclusiveMaximum` → numeric, siblings of `$ref` dropped (3.0 and 2.0 ignore
 * them), 2.0 `type: file` → any. `discriminator` becomes constraints (applyDiscriminators).
 */
export function specSchemas(doc, indexNames = []) {
  const dialect = dialectOf(doc);
  const raw = componentsOf(doc, dialect);
  const { components, notes } = applyDiscriminators(raw, dialect);
  const defs = {};
  const extraRefs = new Map();
  const formats = new Set();
  const prefix = componentPrefix(dialect);

  const rewriteRef = (ref) => {
    if (typeof ref !== 'string' || !ref.startsWith('#')) return ref; // external: left to fail
    if (ref.startsWith(prefix)) return '#/$defs/' + ref.slice(prefix.length);
    if (extraRefs.has(ref)) return extraRefs.get(ref);
    const target = resolvePointer(doc, ref);
    const name = `__ref${extraRefs.size}`;
    const rewritten = '#/$defs/' + name;
    extraRefs.set(ref, rewritten);
    defs[name] = target === undefined ? { $comment: `unresolvable ${ref}`, not: {} } : convert(target, rewritten);
    return rewritten;
  };

  // `home`: the $defs entry being converted, which 2019-09's `$recursiveRef: "#"` (OpenAI's
  // CompoundFilter, in a 3.0 document) means.
  function convert(schema, home) {
    return mapSchema(schema, (s) => {
      if (s === true || s === false) return s;
      if (!s || typeof s !== 'object') return {};
      if (typeof s.$recursiveRef === 'string') {
        if (s.$recursiveRef === '#' && home) s.$ref = home;
        delete s.$recursiveRef;
      }
      delete s.$recursiveAnchor;
      if (typeof s.$ref === 'string') {
        if (dialect !== 'oas31') return { $ref: rewriteRef(s.$ref) };
        s.$ref = rewriteRef(s.$ref);
      }
      delete s.$id;
      delete s.id;
      delete s.$schema;
      delete s.discriminator;
      // 3.1's spelling of 3.0's `format: byte`, which JSON Schema only annotates: base64 is what
      // the property holds, so instances are made and checked as base64 (README).
      if (s.contentEncoding === 'base64' && s.format === undefined) s.format = 'byte';
      if (typeof s.format === 'string') formats.add(s.format);
      if (dialect === 'oas31') return s;
      for (const [bound, limit] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
        if (s[bound] === true && typeof s[limit] === 'number') {
          s[bound] = s[limit];
          delete s[limit];
        } else if (typeof s[bound] === 'boolean') {
          delete s[bound];
        }
      }
      if (dialect === 'swagger2' && s.type === 'file') delete s.type;
      const nullable = s.nullable === true || (dialect === 'swagger2' && s['x-nullable'] === true);
      delete s.nullable;
      if (!nullable) return s;
      if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
      if (typeof s.type === 'string') {
        s.type = [s.type, 'null'];
      } else if (Array.isArray(s.type)) {
        if (!s.type.includes('null')) s.type = [...s.type, 'null'];
      } else if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) {
        const key = Array.isArray(s.oneOf) ? 'oneOf' : 'anyOf';
        s[key] = [...s[key], { type: 'null' }];
      } else if (Array.isArray(s.allOf)) {
        const { allOf, ...rest } = s;
        const annotations = {};
        for (const key of ['description', 'title', 'default', 'example', 'readOnly', 'writeOnly', 'deprecated']) {
          if (key in rest) annotations[key] = rest[key];
        }
        return { ...annotations, anyOf: [{ ...rest, allOf }, { type: 'null' }] };
      }
      return s;
    });
  }

  for (const [name, schema] of Object.entries(components)) defs[name] = convert(schema, `#/$defs/${encodeToken(name)}`);

  // Schemas of the index that are no component: targets of references into a schema
  // (`#/components/schemas/Owner/properties/name`), which the generator moves into the
  // components under a name made of the location's last two meaningful tokens (`OwnerName`).
  const skipped = [];
  const extra = indexNames.filter((n) => !Object.prototype.hasOwnProperty.call(raw, n));
  if (extra.length) {
    const byName = deepRefNames(doc, dialect);
    for (const name of extra) {
      const refs = byName.get(name) || byName.get(name.replace(/\d+$/, ''));
      if (refs && refs.size === 1) {
        const [ref] = refs;
        defs[name] = { $ref: rewriteRef(ref) };
        notes.push(`${name}: the target of ${ref}`);
      } else {
        skipped.push(name);
      }
    }
  }
  openAllOfMembers(defs, notes);
  const root = { $defs: defs };
  return {
    dialect,
    root,
    // Instances are what a server sends (a response): writeOnly properties are not required.
    inputRoot: withoutRequired(root, ['writeOnly']),
    // Encoded values are what a client sends (a request): readOnly properties are not required;
    // nor are writeOnly ones, which the input (a response) may lack.
    outputRoot: withoutRequired(root, ['readOnly', 'writeOnly']),
    formats,
    notes,
    names: Object.keys(raw),
    skipped,
  };
}

/**
 * In an allOf of several members, `additionalProperties: false` on a member (NSwag writes it on
 * both a base and the subtype that inherits it: Squidex) closes the composed object, not the
 * member alone: as JSON Schema reads it, no object has the base's properties and the subtype's,
 * and there is no valid instance. The member is opened (a `$ref`'s target copied as
 * `<name>__open` without it) and the allOf gets `unevaluatedProperties: false`.
 */
function openAllOfMembers(defs, notes) {
  const opened = new Map();
  const openRef = (ref) => {
    if (opened.has(ref)) return opened.get(ref);
    const target = resolvePointer({ $defs: defs }, ref);
    let rewritten = null;
    if (target && typeof target === 'object' && target.additionalProperties === false) {
      const name = `${decodePointer(ref).slice(1).join('.')}__open`;
      const { additionalProperties, ...rest } = target;
      defs[name] = rest;
      rewritten = '#/$defs/' + encodeToken(name);
    }
    opened.set(ref, rewritten);
    return rewritten;
  };
  for (const name of Object.keys(defs)) {
    let changed = false;
    defs[name] = mapSchema(defs[name], (s) => {
      if (!s || typeof s !== 'object' || !Array.isArray(s.allOf) || s.allOf.length < 2) return s;
      let closed = false;
      s.allOf = s.allOf.map((member) => {
        if (!member || typeof member !== 'object') return member;
        if (typeof member.$ref === 'string') {
          const ref = openRef(member.$ref);
          if (!ref) return member;
          closed = true;
          return { ...member, $ref: ref };
        }
        if (member.additionalProperties !== false) return member;
        closed = true;
        const { additionalProperties, ...rest } = member;
        return rest;
      });
      if (closed && s.unevaluatedProperties === undefined) s.unevaluatedProperties = false;
      changed ||= closed;
      return s;
    });
    if (changed) notes.push(`${name}: additionalProperties: false of allOf members closes the whole allOf`);
  }
}

const STRUCTURAL = new Set(['components', 'schemas', '$defs', 'definitions', 'properties', 'items', 'allOf',
  'oneOf', 'anyOf', 'content', 'schema', 'paths', 'responses', 'requestBody', 'requestBodies', 'parameters',
  'additionalProperties', 'get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace']);

/** Each local reference deeper than a component, by the name the generator gives its target
 * (generator/src/deep_refs.rs, unique_name: the last two meaningful tokens, capitalized). */
function deepRefNames(doc, dialect) {
  const byName = new Map();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/')) {
        let tokens = decodePointer(value);
        if (dialect === 'swagger2' && tokens[0] === 'definitions') tokens = ['components', 'schemas', ...tokens.slice(1)];
        if (tokens.length === 3 && tokens[0] === 'components') continue;
        const meaningful = tokens.filter((token, i) => {
          const status = i + 1 === tokens.length && i > 0 && tokens[i - 1] === 'responses';
          return !STRUCTURAL.has(token) && !token.includes('/') && (status || !/^\d+$/.test(token));
        });
        const name = meaningful.slice(-2).map((token) => {
          const clean = token.replace(/[^A-Za-z0-9_]/g, '');
          return clean ? clean[0].toUpperCase() + clean.slice(1) : '';
        }).join('') || 'Shared';
        if (!byName.has(name)) byName.set(name, new Set());
        byName.get(name).add(value);
      } else {
        visit(value);
      }
    }
  };
  visit(doc);
  return byName;
}

/**
 * `root` with the properties marked by one of `flags` (`readOnly`, `writeOnly`) taken out of
 * every `required`: OpenAPI requires a readOnly property in responses only, a writeOnly one in
 * requests only. A property is marked on its schema or on the schema its `$ref` names; the
 * properties of an object are its own and those of its allOf members.
 */
function withoutRequired(root, flags) {
  const marked = (schema, depth = 0) => {
    if (!schema || typeof schema !== 'object' || depth > 8) return false;
    if (flags.some((flag) => schema[flag] === true)) return true;
    if (typeof schema.$ref === 'string') return marked(resolvePointer(root, schema.$ref), depth + 1);
    if (Array.isArray(schema.allOf)) return schema.allOf.some((member) => marked(member, depth + 1));
    return false;
  };
  const properties = (schema, seen = new Set()) => {
    const out = {};
    if (!schema || typeof schema !== 'object' || seen.has(schema)) return out;
    seen.add(schema);
    if (typeof schema.$ref === 'string') Object.assign(out, properties(resolvePointer(root, schema.$ref), seen));
    if (Array.isArray(schema.allOf)) schema.allOf.forEach((member) => Object.assign(out, properties(member, seen)));
    if (schema.properties && typeof schema.properties === 'object') Object.assign(out, schema.properties);
    return out;
  };
  const filter = (required, props) => required.filter((name) => !marked(props[name]));
  const defs = {};
  for (const [name, schema] of Object.entries(root.$defs)) {
    defs[name] = mapSchema(schema, (s) => {
      if (!s || typeof s !== 'object') return s;
      const props = properties(s);
      if (Array.isArray(s.required)) s.required = filter(s.required, props);
      if (Array.isArray(s.allOf)) {
        s.allOf = s.allOf.map((member) => (member && Array.isArray(member.required)
          ? { ...member, required: filter(member.required, props) }
          : member));
      }
      return s;
    });
  }
  return { $defs: defs };
}

// ---------------------------------------------------------------------------------------------
// Instances

/** mulberry32: a small, well-mixed 32-bit PRNG, so that a seed gives the same instances anywhere. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The ranges of the integer formats of OpenAPI's format registry (uint64 up to what a double
 * holds exactly: json-schema-faker's numbers are doubles). */
const INTEGER_FORMATS = {
  int8: [-128, 127],
  int16: [-32768, 32767],
  int32: [-2147483648, 2147483647],
  uint8: [0, 255],
  uint16: [0, 65535],
  uint32: [0, 4294967295],
  uint64: [0, Number.MAX_SAFE_INTEGER],
};

/** JSON Schema 2020-12 → what json-schema-faker 0.5 reads: boolean schemas as objects,
 * `prefixItems` as draft-07 tuple `items`. */
function forFaker(schema) {
  return mapSchema(schema, (s) => {
    if (s === true) return {};
    if (s === false) return { not: {} };
    // json-schema-faker 0.5 reads draft-04's boolean exclusive bounds only.
    for (const [bound, limit, tighter] of [['exclusiveMinimum', 'minimum', Math.max], ['exclusiveMaximum', 'maximum', Math.min]]) {
      if (typeof s[bound] === 'number') {
        s[limit] = typeof s[limit] === 'number' ? tighter(s[limit], s[bound]) : s[bound];
        s[bound] = true;
      }
    }
    // The integer formats of OpenAPI's format registry bound the value (ajv checks them too).
    const range = INTEGER_FORMATS[s.format];
    if (range) {
      s.minimum = typeof s.minimum === 'number' ? Math.max(s.minimum, range[0]) : range[0];
      s.maximum = typeof s.maximum === 'number' ? Math.min(s.maximum, range[1]) : range[1];
    }
    // json-schema-faker merges allOf, the chosen union member and $ref into one object, to which
    // additionalProperties then applies as unevaluatedProperties would.
    if (s.unevaluatedProperties === false && s.additionalProperties === undefined) {
      s.additionalProperties = false;
    }
    // It merges an allOf's enums as a union: an enum beside allOf (Discord's `type: integer,
    // enum: [1], allOf: [ComponentTypes]`) is the narrower, and enough to pick from.
    if ((Array.isArray(s.enum) && s.enum.every((v) => v === null || typeof v !== 'object')) || ('const' in s && typeof s.const !== 'object')) {
      delete s.allOf;
    }
    if (Array.isArray(s.prefixItems)) {
      const tail = s.items;
      s.items = s.prefixItems;
      delete s.prefixItems;
      s.additionalItems = tail === undefined ? true : tail;
    }
    return s;
  });
}

/** Tries per instance: json-schema-faker does not always make a valid instance (it merges an
 * allOf's enums as a union, ignores if/then, stops recursion with any value); the instance is the
 * first of these tries that ajv accepts. */
const ATTEMPTS = 5;

/** Random draws per try (see Faker.one). */
const RANDOM_BUDGET = 20000;

export class Faker {
  constructor(root) {
    this.root = root;
    this.fakerRoot = { $defs: Object.fromEntries(Object.entries(root.$defs).map(([k, s]) => [k, forFaker(s)])) };
    this.directRefs = new Map();
  }

  refsIn(ref) {
    if (this.directRefs.has(ref)) return this.directRefs.get(ref);
    const found = new Set();
    this.directRefs.set(ref, found);
    const target = resolvePointer(this.fakerRoot, ref);
    eachSubschema(target, (s) => {
      if (typeof s.$ref === 'string' && s.$ref.startsWith('#/')) found.add(s.$ref);
    });
    return found;
  }

  /** The references reachable from component `name`, each to its (faker) schema: json-schema-faker
   * looks a `$ref` up in this map first, and walks the map on every call, so it holds only what
   * the schema can reach. */
  refsFor(name) {
    const start = '#/$defs/' + encodeToken(name);
    const refs = {};
    const queue = [start];
    const seen = new Set(queue);
    while (queue.length) {
      const ref = queue.pop();
      const target = resolvePointer(this.fakerRoot, ref);
      if (target !== undefined) {
        refs[ref] = target;
        try {
          refs[decodeURIComponent(ref)] = target;
        } catch {
          // keep the raw form only
        }
      }
      for (const next of this.refsIn(ref)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    return refs;
  }

  /**
   * `count` instances of component `name`, each `{instance}` or `{error}` (`check(instance)`
   * says why an instance is invalid, or nothing; see ATTEMPTS). Instance 0 has only
   * required properties, instance 1 every optional one, the others each optional property with
   * probability 1/2 (a try that grows too large is tried again with half the probability). Arrays have at most 3 items; a reference is followed at most 2 levels deep
   * into itself, so that recursive schemas end. The stream depends on (seed, name) only: adding
   * schemas or instances does not change the others.
   */
  instances(name, count, seed, check) {
    const schema = this.fakerRoot.$defs[name];
    const refs = this.refsFor(name);
    const random = mulberry32(fnv1a(`${seed}:${name}`));
    const out = [];
    for (let index = 0; index < count; index++) {
      // The probability of each optional property.
      let optionals = index === 0 ? 0 : index === 1 ? 1 : 0.5;
      let made;
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        made = this.one(schema, refs, random, optionals);
        if (made.tooLarge) optionals = optionals >= 0.1 ? optionals / 2 : 0;
        if (made.error) continue;
        const invalid = check(made.instance);
        if (!invalid) break;
        made = { error: `json-schema-faker made an invalid instance: ${invalid}`, instance: made.instance };
      }
      out.push(made);
    }
    return out;
  }

  one(schema, refs, random, optionals) {
    // A budget of random numbers bounds an instance's size: some schemas nest so many optional
    // objects that all of them would not fit in memory. Past it, the try fails and the next one
    // takes fewer optional properties.
    let calls = 0;
    const counted = () => {
      calls += 1;
      if (calls > RANDOM_BUDGET) throw new Error(`more than ${RANDOM_BUDGET} random draws: too large an instance`);
      return random();
    };
    jsf.option({
      random: counted,
      maxItems: 3,
      minItems: 0,
      maxLength: null,
      refDepthMin: 0,
      refDepthMax: 2,
      failOnInvalidFormat: false,
      failOnInvalidTypes: true,
      ignoreMissingRefs: false,
      useDefaultValue: false,
      useExamplesValue: false,
      fillProperties: true,
      requiredOnly: optionals === 0,
      alwaysFakeOptionals: optionals === 1,
      optionalsProbability: optionals > 0 && optionals < 1 ? optionals : null,
      fixedProbabilities: false,
      replaceEmptyByRandomValue: false,
      omitNulls: false,
      pruneProperties: [],
      renderTitle: false,
      renderDescription: false,
      renderComment: false,
    });
    try {
      const instance = jsf.generate(JSON.parse(JSON.stringify(schema)), refs);
      if (instance === undefined) return { error: 'json-schema-faker returned undefined' };
      return { instance };
    } catch (error) {
      return {
        error: `json-schema-faker: ${String(error && error.message || error).split('\n')[0]}`,
        tooLarge: calls > RANDOM_BUDGET,
      };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Validation

const ROOT_ID = 'urn:roundtrip:root';

export class Validator {
  constructor(root, formats) {
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: false,
      validateFormats: true,
      unicodeRegExp: false,
      // Publishers' schemas break the meta-schema in harmless ways; what cannot compile is
      // reported per schema (forSchema).
      validateSchema: false,
      allowUnionTypes: true,
      logger: false,
    });
    addFormats(this.ajv, { mode: 'full' });
    // int32 and int64 come with ajv-formats; the registry's other integer formats are ranges.
    for (const [format, [low, high]] of Object.entries(INTEGER_FORMATS)) {
      if (!this.ajv.formats[format] && format !== 'uint64') {
        this.ajv.addFormat(format, { type: 'number', validate: (n) => Number.isInteger(n) && n >= low && n <= high });
      }
    }
    if (!this.ajv.formats.uint64) this.ajv.addFormat('uint64', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
    for (const format of formats) {
      if (!this.ajv.formats[format]) this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema({ $id: ROOT_ID, ...root });
    this.compiled = new Map();
  }

  /** The validating function of component `name`, or throws why it cannot be compiled. */
  forSchema(name) {
    if (!this.compiled.has(name)) {
      let entry;
      try {
        entry = { validate: this.ajv.compile({ $ref: `${ROOT_ID}#/$defs/${encodeToken(name)}` }) };
      } catch (error) {
        entry = { error: `ajv cannot compile the schema: ${String(error && error.message || error).split('\n')[0]}` };
      }
      this.compiled.set(name, entry);
    }
    const entry = this.compiled.get(name);
    if (entry.error) throw new Error(entry.error);
    return entry.validate;
  }

  /** Whether `value` is valid against the subschema at `pointer` of the root (true when that
   * cannot be told). */
  matches(pointer, value) {
    if (pointer === undefined) return true;
    const key = `#${pointer}`;
    if (!this.compiled.has(key)) {
      let entry;
      try {
        const fragment = pointer.split('/').map((token) => encodeURIComponent(token)).join('/');
        entry = { validate: this.ajv.compile({ $ref: `${ROOT_ID}#${fragment}` }) };
      } catch {
        entry = { error: true };
      }
      this.compiled.set(key, entry);
    }
    const entry = this.compiled.get(key);
    if (entry.error) return true;
    try {
      return entry.validate(value);
    } catch {
      return true;
    }
  }
}

/** Each subschema of `root` (an object) → its JSON pointer in `root`. */
export function pointersOf(root) {
  const map = new Map();
  const visit = (schema, pointer) => {
    if (!schema || typeof schema !== 'object' || Array.isArray(schema) || map.has(schema)) return;
    map.set(schema, pointer);
    for (const key of ONE) if (schema[key] && typeof schema[key] === 'object') visit(schema[key], `${pointer}/${key}`);
    for (const key of MANY) if (Array.isArray(schema[key])) schema[key].forEach((s, i) => visit(s, `${pointer}/${key}/${i}`));
    if (Array.isArray(schema.items)) schema.items.forEach((s, i) => visit(s, `${pointer}/items/${i}`));
    else if (schema.items && typeof schema.items === 'object') visit(schema.items, `${pointer}/items`);
    for (const key of MAP) {
      if (schema[key] && typeof schema[key] === 'object' && !Array.isArray(schema[key])) {
        for (const [name, sub] of Object.entries(schema[key])) visit(sub, `${pointer}/${key}/${encodeToken(name)}`);
      }
    }
  };
  visit(root, '');
  return map;
}

export function ajvErrors(validate) {
  return (validate.errors || []).slice(0, 2)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params && e.params.allowedValues ? ` ${JSON.stringify(e.params.allowedValues).slice(0, 80)}` : ''}`)
    .join('; ');
}

// ---------------------------------------------------------------------------------------------
// Comparison, up to the documented normalizations

/** The schemas that apply at one place: `schemas` and, through $ref, allOf, anyOf and oneOf,
 * every schema they are made of; of a union's members, those `value` is valid against (all of
 * them when it is undefined, or none is). `ctx` is {root, matches(schema, value)}. */
export function expand(ctx, schemas, value) {
  const out = [];
  const seen = new Set();
  const visit = (s) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    out.push(s);
    if (typeof s.$ref === 'string') visit(resolvePointer(ctx.root, s.$ref));
    if (Array.isArray(s.allOf)) s.allOf.forEach(visit);
    for (const key of ['anyOf', 'oneOf']) {
      if (!Array.isArray(s[key])) continue;
      const taken = value === undefined ? [] : s[key].filter((member) => ctx.matches(member, value));
      (taken.length ? taken : s[key]).forEach(visit);
    }
  };
  schemas.forEach(visit);
  return out;
}

function childSchemasForKey(ctx, candidates, key, value) {
  const out = [];
  for (const s of candidates) {
    if (s.properties && typeof s.properties === 'object' && Object.prototype.hasOwnProperty.call(s.properties, key)) {
      out.push(s.properties[key]);
    }
    if (s.patternProperties && typeof s.patternProperties === 'object') {
      for (const [pattern, sub] of Object.entries(s.patternProperties)) {
        try {
          if (new RegExp(pattern).test(key)) out.push(sub);
        } catch {
          // a pattern JavaScript cannot read
        }
      }
    }
    if (s.additionalProperties && typeof s.additionalProperties === 'object') out.push(s.additionalProperties);
  }
  return expand(ctx, out, value);
}

function childSchemasForIndex(ctx, candidates, index, value) {
  const out = [];
  for (const s of candidates) {
    if (Array.isArray(s.prefixItems)) {
      if (index < s.prefixItems.length) out.push(s.prefixItems[index]);
      else if (s.items && typeof s.items === 'object') out.push(s.items);
    } else if (Array.isArray(s.items)) {
      if (index < s.items.length) out.push(s.items[index]);
    } else if (s.items && typeof s.items === 'object') {
      out.push(s.items);
    }
  }
  return expand(ctx, out, value);
}

/** Whether some schema of `candidates` declares `key`: by `properties`, `patternProperties`, or
 * an `additionalProperties` written out (true or a schema): only then must the key survive. */
function declares(candidates, key) {
  return candidates.some((s) => {
    if (s.properties && typeof s.properties === 'object' && Object.prototype.hasOwnProperty.call(s.properties, key)) return true;
    if (s.additionalProperties === true || (s.additionalProperties && typeof s.additionalProperties === 'object')) return true;
    if (s.patternProperties && typeof s.patternProperties === 'object') {
      return Object.keys(s.patternProperties).some((p) => {
        try {
          return new RegExp(p).test(key);
        } catch {
          return true;
        }
      });
    }
    return false;
  });
}


/** Whether two different doubles are neighbours (a parser that rounds the last bit wrong). */
function oneUlpApart(a, b) {
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return false;
  const view = new DataView(new ArrayBuffer(16));
  view.setFloat64(0, a);
  view.setFloat64(8, b);
  return Math.abs(Number(view.getBigInt64(0) - view.getBigInt64(8))) === 1;
}

function kindOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function show(value) {
  if (value === undefined) return 'absent';
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

/**
 * The first place where `output` differs from `input` other than by a normalization, as
 * `{pointer, input, output}`, or null. Normalizations (README.md): key order; numbers compared
 * as numbers (`5` and `5.0`); a key of the input that no schema there declares (no
 * `properties` entry, no `patternProperties` match, no `additionalProperties` written out)
 * may be left out, and so may `null` where the schema's `default` is `null`, a readOnly
 * property (OpenAPI: not sent in requests; the generated types do not encode them) and a
 * writeOnly one (not sent in responses; not decoded).
 */
export function firstDifference(ctx, input, output, candidates) {
  const found = differences(ctx, input, output, candidates);
  return found.find((d) => d.kind !== 'ulp') || found[0] || null;
}

/** Every difference (up to 20), each `{pointer, input, output, kind}`; kind is one of
 * `null-dropped` (null in, absent out), `dropped` (another value in, absent out), `added`,
 * `ulp` (a number one ulp off), `changed`. */
export function differences(ctx, input, output, candidates) {
  const out = [];
  walk(ctx, input, output, candidates, '', out);
  return out;
}

function walk(ctx, input, output, candidates, pointer, out) {
  if (out.length >= 20) return;
  const add = (kind, at, i, o) => out.push({ pointer: at, input: i, output: o, kind });
  if (typeof input === 'number' && typeof output === 'number') {
    if (input !== output) add(oneUlpApart(input, output) ? 'ulp' : 'changed', pointer, input, output);
    return;
  }
  if (kindOf(input) !== kindOf(output)) {
    add('changed', pointer, input, output);
    return;
  }
  if (Array.isArray(input)) {
    if (input.length !== output.length) {
      add('changed', pointer, input, output);
      return;
    }
    for (let i = 0; i < input.length; i++) {
      walk(ctx, input[i], output[i], childSchemasForIndex(ctx, candidates, i, input[i]), `${pointer}/${i}`, out);
    }
    return;
  }
  if (input !== null && typeof input === 'object') {
    for (const key of Object.keys(input)) {
      const children = childSchemasForKey(ctx, candidates, key, input[key]);
      const at = `${pointer}/${encodeToken(key)}`;
      if (!Object.prototype.hasOwnProperty.call(output, key)) {
        const oneWay = children.some((c) => c.readOnly === true || c.writeOnly === true);
        // `null` where the default is `null` (FastAPI's optional fields): absent says the same.
        const isDefault = input[key] === null && children.some((c) => c.default === null);
        if (declares(candidates, key) && !oneWay && !isDefault) add(input[key] === null ? 'null-dropped' : 'dropped', at, input[key], undefined);
        continue;
      }
      walk(ctx, input[key], output[key], children, at, out);
    }
    for (const key of Object.keys(output)) {
      if (Object.prototype.hasOwnProperty.call(input, key)) continue;
      add('added', `${pointer}/${encodeToken(key)}`, undefined, output[key]);
    }
    return;
  }
  if (input !== output && !sameFormatted(input, output, candidates)) add('changed', pointer, input, output);
}

/** A `date-time` spelled another way for the same instant (`+00:00` as `Z`, `.500` as `.5` or the other way, a
 * jiff `Timestamp` written in UTC), or a `uuid` in the other case: the types of these formats
 * keep the value, not its spelling. Instants are compared to the nanosecond. */
function sameFormatted(input, output, candidates) {
  if (typeof input !== 'string' || typeof output !== 'string') return false;
  if (candidates.some((s) => s.format === 'uuid')) return input.toLowerCase() === output.toLowerCase();
  if (!candidates.some((s) => s.format === 'date-time')) return false;
  const a = instant(input);
  const b = instant(output);
  return a !== null && a === b;
}

/** An RFC 3339 date-time as nanoseconds since the epoch (a BigInt), or null. */
function instant(text) {
  const match = /^(\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!match) return null;
  const seconds = Date.parse(`${match[1].replace(/[t ]/, 'T')}${match[3].toUpperCase()}`);
  if (Number.isNaN(seconds)) return null;
  const fraction = (match[2] || '').padEnd(9, '0');
  if (fraction.length > 9) return null;
  return BigInt(seconds) * 1000000n + BigInt(fraction);
}

/**
 * The unions on the way from `top` to `pointer` whose members the input and the output values
 * there are valid for differ, one line each: the decoder took a member the output is valid for,
 * so such a line names the member it chose where the input said another, and the line nearest
 * the root is usually why the value changed. Members are named by their `$ref`, else by index.
 */
export function unionTrail(ctx, top, input, output, pointer) {
  const lines = [];
  const tokens = pointer ? decodePointer(pointer) : [];
  let schemas = [top];
  let here = { input, output, at: '' };
  for (let depth = 0; ; depth++) {
    for (const s of expand(ctx, schemas, undefined)) {
      for (const key of ['anyOf', 'oneOf']) {
        if (!Array.isArray(s[key])) continue;
        const valid = (value) => value === undefined ? [] : s[key]
          .map((member, index) => [member, index])
          .filter(([member]) => ctx.matches(member, value))
          .map(([member, index]) => (typeof member.$ref === 'string' ? member.$ref.split('/').pop() : `#${index}`));
        const taken = valid(here.input).join(', ') || 'none';
        const given = valid(here.output).join(', ') || 'none';
        if (taken !== given) lines.push(`at ${here.at || '/'}, ${key} members valid for the input: ${taken}; for the output: ${given}`);
      }
    }
    if (depth === tokens.length || here.input === null || typeof here.input !== 'object') break;
    const token = tokens[depth];
    const candidates = expand(ctx, schemas, here.input);
    schemas = Array.isArray(here.input)
      ? childSchemasForIndex(ctx, candidates, Number(token), undefined)
      : childSchemasForKey(ctx, candidates, token, undefined);
    const step = (value) => (value !== null && typeof value === 'object' ? value[token] : undefined);
    here = { input: step(here.input), output: step(here.output), at: `${here.at}/${encodeToken(token)}` };
  }
  return lines;
}

export function describeDifference(d) {
  const where = `at ${d.pointer || '/'}: input ${show(d.input)}, output ${show(d.output)}`;
  return d.kind === 'ulp' ? `a number one ulp off ${where}` : where;
}

// ---------------------------------------------------------------------------------------------
// One spec: instances, the driver, verdicts

/**
 * Runs the round trip of one spec. `keys` maps each component schema name to the driver's key
 * for its type; `run(lines)` sends the request lines to the driver and returns its result lines
 * (see runDriver). Returns the spec's report.
 */
export function roundTrip({ doc, keys, count, unionCount = count, seed, run }) {
  const { root, inputRoot, outputRoot, formats, notes, names, skipped } = specSchemas(doc, Object.keys(keys));
  const faker = new Faker(inputRoot);
  const inputs = new Validator(inputRoot, formats);
  const outputs = new Validator(outputRoot, formats);
  // The comparison reads the schemas as written (root); which members of a union a value takes,
  // it asks the validator of instances (inputRoot has root's shape).
  const pointers = pointersOf(root);
  const ctx = { root, matches: (schema, value) => inputs.matches(pointers.get(schema), value) };
  const report = {
    schemas: 0,
    instances: 0,
    failures: [], // {schema, index, kind, detail, instance}
    faker: [], // {schema, index, detail, instance?, count?}
    notes,
    skipped, // schemas of the index the harness cannot find in the spec
    unmapped: names.filter((n) => !(n in keys)), // components without a type in the index
  };
  const requests = [];
  for (const [name, key] of Object.entries(keys)) {
    if (skipped.includes(name)) continue;
    report.schemas += 1;
    let validate;
    try {
      validate = inputs.forSchema(name);
      outputs.forSchema(name);
    } catch (error) {
      report.faker.push({ schema: name, index: -1, detail: error.message, count });
      continue;
    }
    const check = (instance) => {
      try {
        return validate(instance) ? null : ajvErrors(validate);
      } catch (error) {
        return `ajv failed: ${error.message}`;
      }
    };
    // A union's failures hide in its rarer members: it may get more instances.
    const own = root.$defs && root.$defs[name];
    const union = own && typeof own === 'object' && (own.oneOf || own.anyOf);
    faker.instances(name, union ? unionCount : count, seed, check).forEach((made, index) => {
      if (made.error) {
        report.faker.push({ schema: name, index, detail: made.error, instance: made.instance });
        return;
      }
      requests.push({ id: requests.length, key, schema: name, index, instance: made.instance, text: JSON.stringify(made.instance) });
    });
  }
  report.instances = requests.length;
  const results = run(requests);
  for (const request of requests) {
    const result = results.get(request.id);
    const fail = (kind, detail, trail) => report.failures.push({ schema: request.schema, index: request.index, kind, detail, instance: request.instance, trail });
    if (!result) {
      fail('decode', 'the driver gave no answer');
      continue;
    }
    if (!result.ok) {
      if (result.stage === 'encode') fail('invalid-output', `encoding failed: ${result.error}`);
      else fail('decode', result.error);
      continue;
    }
    let output;
    try {
      output = JSON.parse(result.output);
    } catch (error) {
      fail('invalid-output', `not JSON: ${result.output.slice(0, 80)}`);
      continue;
    }
    const validate = outputs.forSchema(request.schema);
    const top = root.$defs[request.schema];
    const found = differences(ctx, request.instance, output, expand(ctx, [top], request.instance));
    const trail = (d) => unionTrail(ctx, top, request.instance, output, d ? d.pointer : '');
    if (!validate(output)) {
      const first = found.find((d) => d.kind !== 'ulp');
      fail('invalid-output', `${ajvErrors(validate)}; ${first ? `first difference ${describeDifference(first)}` : `output ${show(output)}`}`, trail(first));
      continue;
    }
    if (found.length) {
      const first = found.find((d) => d.kind !== 'ulp') || found[0];
      const kinds = [...new Set(found.map((d) => d.kind))];
      fail('changed', `${describeDifference(first)}${found.length > 1 ? ` (${found.length > 19 ? '20 or more' : found.length} differences: ${kinds.join(', ')})` : ''}`, trail(first));
    }
  }
  return report;
}

export const KINDS = ['decode', 'invalid-output', 'changed'];

/** A spec's report reduced to what the tables show. */
export function summarize(report) {
  const byKind = {};
  for (const kind of KINDS) {
    const failures = report.failures.filter((f) => f.kind === kind);
    byKind[kind] = { instances: failures.length, schemas: new Set(failures.map((f) => f.schema)).size };
  }
  const fakerInstances = report.faker.reduce((n, f) => n + (f.index === -1 ? (f.count || 1) : 1), 0);
  let smallest = null;
  for (const f of report.failures) {
    const text = JSON.stringify(f.instance);
    if (!smallest || text.length < smallest.text.length || (text.length === smallest.text.length && f.schema < smallest.schema)) {
      smallest = { ...f, text };
    }
  }
  return {
    schemas: report.schemas,
    instances: report.instances,
    byKind,
    faker: { instances: fakerInstances, schemas: new Set(report.faker.map((f) => f.schema)).size },
    smallest,
  };
}

/** For each (schema, kind) that failed: how many instances, and the smallest one. */
export function failuresBySchema(report) {
  const groups = new Map();
  for (const f of report.failures) {
    const id = `${f.schema}\u0000${f.kind}`;
    const text = JSON.stringify(f.instance);
    const group = groups.get(id);
    if (!group) groups.set(id, { schema: f.schema, kind: f.kind, count: 1, smallest: { ...f, text } });
    else {
      group.count += 1;
      if (text.length < group.smallest.text.length) group.smallest = { ...f, text };
    }
  }
  return [...groups.values()].sort((a, b) => (a.schema < b.schema ? -1 : a.schema > b.schema ? 1 : a.kind < b.kind ? -1 : 1));
}

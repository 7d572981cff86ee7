// The round-trip driver (tests/roundtrip/README.md). The harness writes this file into each
// crate it builds, followed by a `dispatch` function from schema keys to generated types:
//
//     fn dispatch(key: &str, text: &str) -> Option<Outcome> {
//         Some(match key { "Pet" => rt::<types::Pet>(text), _ => return None })
//     }
//
// It reads JSON lines `{"id": 0, "key": "Pet", "text": "<the instance as JSON text>"}` from
// stdin, decodes each text as the key's type (serde_json::from_str, as the clients decode
// response bodies), encodes the value again (serde_json::to_string, as they encode request
// bodies) and answers one line per request, flushed at once so that the harness knows where a
// crash happened: `{"id": 0, "ok": true, "output": "<JSON text>"}` or
// `{"id": 0, "ok": false, "stage": "decode" | "encode" | "key", "error": "..."}`.

/// Raw bytes as the JSON text a property of them carries (the schema index's `Text<...>`).
#[allow(dead_code)]
struct Text<T>(T);

impl<'de, T: oapigen_runtime::BinaryField> serde::Deserialize<'de> for Text<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_text(deserializer).map(Text)
    }
}

impl<T: oapigen_runtime::BinaryField> serde::Serialize for Text<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_text(serializer)
    }
}

/// Base64 bytes (`format: byte`) as the JSON text a property of them carries (`Base64Text<...>`).
#[allow(dead_code)]
struct Base64Text<T>(T);

impl<'de, T: oapigen_runtime::Base64Field> serde::Deserialize<'de>
    for Base64Text<T>
{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize_text(deserializer).map(Base64Text)
    }
}

impl<T: oapigen_runtime::Base64Field> serde::Serialize for Base64Text<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_text(serializer)
    }
}

#[allow(dead_code)]
enum Outcome {
    Encoded(String),
    Failed(&'static str, String),
}

#[allow(dead_code)]
fn rt<T: serde::de::DeserializeOwned + serde::Serialize>(text: &str) -> Outcome {
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let value = match catch_unwind(|| serde_json::from_str::<T>(text)) {
        Ok(Ok(value)) => value,
        Ok(Err(error)) => return Outcome::Failed("decode", error.to_string()),
        Err(panic) => return Outcome::Failed("decode", format!("panicked: {}", panic_text(&panic))),
    };
    match catch_unwind(AssertUnwindSafe(|| serde_json::to_string(&value))) {
        Ok(Ok(text)) => Outcome::Encoded(text),
        Ok(Err(error)) => Outcome::Failed("encode", error.to_string()),
        Err(panic) => Outcome::Failed("encode", format!("panicked: {}", panic_text(&panic))),
    }
}

fn panic_text(panic: &Box<dyn std::any::Any + Send>) -> String {
    if let Some(text) = panic.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = panic.downcast_ref::<String>() {
        text.clone()
    } else {
        "(no message)".to_owned()
    }
}

fn main() {
    use std::io::{BufRead, Write};
    // Panics are answered as failures; their default message would only clutter stderr.
    std::panic::set_hook(Box::new(|_| {}));
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = line.expect("stdin");
        if line.trim().is_empty() {
            continue;
        }
        let request: serde_json::Value = serde_json::from_str(&line).expect("a request line");
        let id = request["id"].clone();
        let key = request["key"].as_str().unwrap_or_default();
        let text = request["text"].as_str().unwrap_or_default();
        let answer = match dispatch(key, text) {
            Some(Outcome::Encoded(output)) => serde_json::json!({"id": id, "ok": true, "output": output}),
            Some(Outcome::Failed(stage, error)) => {
                serde_json::json!({"id": id, "ok": false, "stage": stage, "error": error})
            }
            None => serde_json::json!({"id": id, "ok": false, "stage": "key", "error": format!("no type for the key {key:?}")}),
        };
        writeln!(out, "{answer}").expect("stdout");
        out.flush().expect("stdout");
    }
}

//! `cargo bench -p oapigen`: for each spec, (a) the parse alone — `serde_yaml` into
//! `openapiv3::OpenAPI`, the floor any generator built on these crates pays — and (b) the whole
//! `oapigen::generate_source` (parse, types, operations, syn check and prettyplease printing).
//!
//! Specs: every `specs/*.yaml` of the repository, plus three corpus specs from
//! `../shared/corpus` (GitHub, Google Compute and Slack) when that folder is there; absent ones
//! are skipped with a note. `OAPIGEN_BENCH_SPECS=a.yaml,b.yaml` benches those files instead.
//!
//! Large specs take 10 samples over a short measurement time, so the whole run stays within a few
//! minutes on two cores. Benchmark ids are `<spec>/parse` and `<spec>/generate`; filter with
//! `cargo bench -p oapigen -- github` for one spec.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Corpus specs benched beside the repository's own (medium, then the two largest).
const CORPUS_SPECS: &[&str] = &[
    "slack.com__1.7.0.yaml",
    "github.com__api.github.com_1.1.4.yaml",
    "googleapis.com__compute_v1.yaml",
];

fn specs() -> Vec<PathBuf> {
    if let Ok(list) = std::env::var("OAPIGEN_BENCH_SPECS") {
        return list
            .split(',')
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
            .collect();
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut specs: Vec<PathBuf> = std::fs::read_dir(manifest.join("../specs"))
        .map(|dir| {
            dir.filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .collect()
        })
        .unwrap_or_default();
    specs.sort();
    let corpus = manifest.join("../../shared/corpus");
    for name in CORPUS_SPECS {
        let path = corpus.join(name);
        if path.is_file() {
            specs.push(path);
        } else {
            eprintln!("note: {} is absent; not benched", path.display());
        }
    }
    specs
}

fn bench(c: &mut Criterion) {
    let options = oapigen::Config::new();
    for path in specs() {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("note: cannot read {}: {error}; not benched", path.display());
                continue;
            }
        };
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let spec_name = path.display().to_string();
        if let Err(diagnostics) = oapigen::generate_source(&spec_name, &text, &options) {
            eprintln!("note: {name} does not generate; not benched:\n{diagnostics}");
            continue;
        }

        let mut group = c.benchmark_group(&name);
        group.throughput(Throughput::Bytes(text.len() as u64));
        if text.len() > 500_000 {
            // One GitHub generation takes on the order of a second: ten samples, one run each.
            group
                .sample_size(10)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(5));
        } else if text.len() > 100_000 {
            group
                .sample_size(20)
                .warm_up_time(Duration::from_millis(500))
                .measurement_time(Duration::from_secs(3));
        } else {
            group
                .sample_size(30)
                .warm_up_time(Duration::from_millis(300))
                .measurement_time(Duration::from_secs(2));
        }
        group.bench_with_input(BenchmarkId::from_parameter("parse"), &text, |b, text| {
            b.iter(|| serde_yaml::from_str::<openapiv3::OpenAPI>(black_box(text)).unwrap())
        });
        group.bench_with_input(BenchmarkId::from_parameter("generate"), &text, |b, text| {
            b.iter(|| oapigen::generate_source(&spec_name, black_box(text), &options).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! otcore demo on built-in data: prints what each capability computes.
//! Run: `cargo run --release --example demo` (all sections), or name sections to run only
//! those: `cargo run --release --example demo -- flows`.

mod cost;
mod data;
mod exact;
mod flows;
mod gaussian;
mod semidiscrete;
mod sinkhorn;
mod svg;

/// A demo section: its name on the command line and what it runs.
type Section = (&'static str, fn(&data::Data));

fn main() {
    println!("otcore {} demo", env!("CARGO_PKG_VERSION"));
    let data = data::Data::new();
    println!(
        "data: x = {} points (two moons) and y = {} points (a ring), in 2-D, uniform weights\n",
        data.x.nrows(),
        data.y.nrows()
    );
    let asked: Vec<String> = std::env::args().skip(1).collect();
    let sections: [Section; 6] = [
        ("cost", cost::run),
        ("exact", exact::run),
        ("sinkhorn", sinkhorn::run),
        ("gaussian", gaussian::run),
        ("semidiscrete", semidiscrete::run),
        ("flows", flows::run),
    ];
    for (name, run) in sections {
        if asked.is_empty() || asked.iter().any(|a| a == name) {
            run(&data);
        }
    }
}

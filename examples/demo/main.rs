//! otcore demo on built-in data: prints what each capability computes.
//! Run: `cargo run --release --example demo`.

mod cost;
mod data;
mod exact;
mod flows;
mod gaussian;
mod semidiscrete;
mod sinkhorn;
mod svg;

fn main() {
    println!("otcore {} demo", env!("CARGO_PKG_VERSION"));
    let data = data::Data::new();
    println!(
        "data: x = {} points (two moons) and y = {} points (a ring), in 2-D, uniform weights\n",
        data.x.nrows(),
        data.y.nrows()
    );
    cost::run(&data);
    exact::run(&data);
    sinkhorn::run(&data);
    gaussian::run(&data);
    semidiscrete::run(&data);
    flows::run(&data);
}

//! The assignment solver (the dense LAPJV up to n = 1024, candidate arcs and bounds from n = 1025 on)
//! against brute force over all permutations (n ≤ 7), the network simplex with uniform
//! weights, HiGHS, and its own dual certificate recomputed over all arcs; layouts, degenerate
//! costs, candidates without a perfect matching, stops, the batch's thread invariance and bad
//! inputs.

use crate::exact_support;
use exact_support::Rng;
use faer::Mat;
use otcore::cost::{cost_matrix, Metric};
use otcore::exact::assignment::{
    assignment_batch, assignment_batch_in_place, assignment_batch_scratch, AssignmentBatchOutputs,
};
use otcore::exact::{
    assignment, assignment_from_points, assignment_in_place, assignment_scratch, emd,
    AssignmentInfo, AssignmentOutputs, AssignmentSolution, EmdParams,
};
use otcore::{ErrorKind, MatRef, MemStack, Par};

/// Smallest Σ_i C[i, σ(i)] over all permutations σ (Heap's algorithm).
fn brute_force(c: &Mat<f64>) -> f64 {
    let n = c.nrows();
    let mut p: Vec<usize> = (0..n).collect();
    let cost = |p: &[usize]| (0..n).map(|i| c[(i, p[i])]).sum::<f64>();
    let mut best = cost(&p);
    let mut k = vec![0usize; n];
    let mut i = 1;
    while i < n {
        if k[i] < i {
            let s = if i % 2 == 0 { 0 } else { k[i] };
            p.swap(s, i);
            best = best.min(cost(&p));
            k[i] += 1;
            i = 1;
        } else {
            k[i] = 0;
            i += 1;
        }
    }
    best
}

/// Checks that `s` is a permutation with the reported cost, that its duals are feasible on
/// every arc and tight on the assignment (to `tol`), and that the reported gap is the most
/// negative reduced cost recomputed here. Returns the recomputed cost.
fn check_certificate(c: MatRef<'_, f64>, s: &AssignmentSolution, tol: f64) -> f64 {
    let n = c.nrows();
    let mut seen = vec![false; n];
    for &j in &s.perm {
        assert!(j < n && !seen[j], "not a permutation: {:?}", s.perm);
        seen[j] = true;
    }
    let cost: f64 = (0..n).map(|i| c[(i, s.perm[i])]).sum();
    assert!(
        (cost - s.info.cost).abs() <= tol * n as f64,
        "{cost} vs {}",
        s.info.cost
    );
    let mut least = f64::INFINITY;
    for i in 0..n {
        for j in 0..n {
            let r = c[(i, j)] - s.u[i] - s.v[j];
            least = least.min(r);
            if j == s.perm[i] {
                assert!(
                    r.abs() <= tol,
                    "arc ({i}, {j}) on the assignment has reduced cost {r}"
                );
            }
        }
    }
    assert!(least >= -tol, "reduced cost {least} < 0");
    assert!(s.info.gap >= -tol && (s.info.gap - least).abs() <= tol);
    cost
}

fn random(rng: &mut Rng, n: usize, f: impl Fn(&mut Rng) -> f64) -> Mat<f64> {
    let mut m = Mat::zeros(n, n);
    for i in 0..n {
        for j in 0..n {
            m[(i, j)] = f(rng);
        }
    }
    m
}

fn points(rng: &mut Rng, n: usize, d: usize) -> Mat<f64> {
    random_rect(rng, n, d)
}

fn random_rect(rng: &mut Rng, n: usize, d: usize) -> Mat<f64> {
    let mut m = Mat::zeros(n, d);
    for i in 0..n {
        for k in 0..d {
            m[(i, k)] = rng.uniform();
        }
    }
    m
}

#[test]
fn equals_brute_force_on_every_small_problem() {
    let mut rng = Rng(0x1234_5678_9ABC_DEF1);
    for n in 1..=7 {
        for trial in 0..40 {
            let (c, exact) = match trial % 4 {
                0 => (random(&mut rng, n, |r| r.uniform()), false),
                1 => (random(&mut rng, n, |r| 200.0 * r.uniform() - 100.0), false),
                // Integer costs with many ties.
                2 => (random(&mut rng, n, |r| r.int(0, 3) as f64), true),
                _ => (
                    random(&mut rng, n, |r| r.int(0, 1) as f64 * 5.0 - 2.0),
                    true,
                ),
            };
            // Column-major (solved as the transpose) and row-major views in turn.
            let ct = c.transpose().to_owned();
            let view = if trial % 2 == 0 {
                c.as_ref()
            } else {
                ct.as_ref().transpose()
            };
            let s = assignment(view).unwrap();
            let cost = check_certificate(view, &s, 1e-12 * 100.0);
            let best = brute_force(&c);
            if exact {
                assert_eq!(cost, best, "n {n} trial {trial}");
                assert_eq!(s.info.gap, 0.0);
            } else {
                assert!(
                    (cost - best).abs() <= 1e-12 * (1.0 + best.abs()),
                    "{cost} vs {best}"
                );
            }
        }
    }
}

#[test]
fn equals_the_network_simplex_with_uniform_weights() {
    let mut rng = Rng(7);
    for (n, d) in [(50, 2), (120, 5), (200, 2), (300, 3)] {
        let x = points(&mut rng, n, d);
        let y = points(&mut rng, n, d);
        let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
        let w = vec![1.0 / n as f64; n];
        let e = emd(&w, &w, c.as_ref(), &EmdParams::default()).unwrap();
        let s = assignment(c.as_ref()).unwrap();
        check_certificate(c.as_ref(), &s, 1e-12);
        let want = e.cost * n as f64;
        assert!(
            (s.info.cost - want).abs() <= 1e-11 * want,
            "n {n}: {} vs {want}",
            s.info.cost
        );
        // Random (non-geometric) costs as well, in a row-major view.
        let ct = random(&mut rng, n, |r| r.uniform());
        let c = ct.as_ref().transpose();
        let e = emd(&w, &w, c, &EmdParams::default()).unwrap();
        let s = assignment(c).unwrap();
        check_certificate(c, &s, 1e-12);
        let want = e.cost * n as f64;
        assert!((s.info.cost - want).abs() <= 1e-11 * want);
    }
}

#[cfg(feature = "highs")]
#[test]
fn equals_highs_on_a_small_problem() {
    let mut rng = Rng(99);
    let n = 14;
    let c = random(&mut rng, n, |r| r.uniform() * 10.0);
    let ones = vec![1.0; n];
    let h = exact_support::highs_cost(&ones, &ones, &c);
    let s = assignment(c.as_ref()).unwrap();
    check_certificate(c.as_ref(), &s, 1e-12);
    assert!(
        (s.info.cost - h).abs() <= 1e-8 * h,
        "{} vs {h}",
        s.info.cost
    );
}

#[test]
fn one_by_one_and_all_equal_costs() {
    let c = Mat::from_fn(1, 1, |_, _| -3.5);
    let s = assignment(c.as_ref()).unwrap();
    assert_eq!(
        (s.perm.clone(), s.info.cost, s.info.gap),
        (vec![0], -3.5, 0.0)
    );
    assert_eq!(s.u[0] + s.v[0], -3.5);
    for n in [2, 5, 64, 300] {
        let c = Mat::from_fn(n, n, |_, _| 2.25);
        let s = assignment(c.as_ref()).unwrap();
        check_certificate(c.as_ref(), &s, 0.0);
        assert_eq!(s.info.cost, 2.25 * n as f64);
        assert_eq!(s.info.gap, 0.0);
    }
}

/// Costs with many ties (all equal; integers in {0, 1, 2}, where a zero-cost assignment
/// exists at these sizes), solved by the dense LAPJV at every n (their column minima fall on
/// a few rows): optimal and certified, and the searches end at a free column on a plateau of
/// equal distances instead of scanning a row per assigned column (n²/2 rows in all before;
/// here at most 16 per path).
#[test]
fn ties_end_the_searches_early() {
    let mut rng = Rng(55);
    for n in [300usize, 1000, 1100] {
        let equal = Mat::from_fn(n, n, |_, _| 2.25);
        let small = random(&mut rng, n, |r| (3.0 * r.uniform()).floor());
        for (c, want) in [(&equal, 2.25 * n as f64), (&small, 0.0)] {
            let s = assignment(c.as_ref()).unwrap();
            check_certificate(c.as_ref(), &s, 0.0);
            assert_eq!((s.info.cost, s.info.gap), (want, 0.0), "n {n}");
            assert!(
                s.info.scanned_rows <= 16 * s.info.augmentations,
                "n {n}: {} rows scanned for {} paths",
                s.info.scanned_rows,
                s.info.augmentations
            );
        }
    }
}

#[test]
fn every_layout_gives_the_same_optimum() {
    every_layout_at(90);
    // The candidate-arc method (n >= 1025).
    every_layout_at(1030);
}

fn every_layout_at(n: usize) {
    let mut rng = Rng(3);
    let c = random(&mut rng, n, |r| r.uniform());
    let ct = c.transpose().to_owned();
    let rm = ct.as_ref().transpose();
    assert_eq!(rm.col_stride(), 1);
    let base = assignment(rm).unwrap();
    check_certificate(rm, &base, 1e-12);
    // A column-major copy (solved as its transpose), a padded row-major view, and the
    // reversed view (negative strides: rows copied one at a time).
    let cm = c.as_ref();
    assert_eq!(cm.row_stride(), 1);
    let pad: Vec<f64> = (0..n * (n + 7))
        .map(|k| {
            if k % (n + 7) < n {
                c[(k / (n + 7), k % (n + 7))]
            } else {
                f64::NAN
            }
        })
        .collect();
    let padded = MatRef::from_row_major_slice_with_stride(&pad, n, n, n + 7);
    let rev = c.as_ref().reverse_rows_and_cols();
    let c_rev = Mat::from_fn(n, n, |i, j| rev[(i, j)]);
    let rev_best = assignment(c_rev.as_ref()).unwrap().info.cost;
    for (name, v, want) in [
        ("column-major", cm, base.info.cost),
        ("padded", padded, base.info.cost),
        ("reversed", rev, rev_best),
    ] {
        let s = assignment(v).unwrap();
        let cost = check_certificate(v, &s, 1e-12);
        assert!(
            (cost - want).abs() <= 1e-12 * cost,
            "{name}: {cost} vs {want}"
        );
    }
}

#[test]
fn from_points_solves_the_squared_euclidean_cost() {
    let mut rng = Rng(11);
    let (x, y) = (points(&mut rng, 150, 7), points(&mut rng, 150, 7));
    let s = assignment_from_points(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 2).unwrap();
    let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
    check_certificate(c.as_ref(), &s, 1e-12);
    let direct = assignment(c.as_ref()).unwrap();
    assert_eq!((s.perm, s.info), (direct.perm, direct.info));
    let e = assignment_from_points(
        x.as_ref(),
        y.as_ref().subrows(0, 149),
        Metric::SqEuclidean,
        1,
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(e.message.contains("150 points and y 149"), "{}", e.message);
}

#[test]
fn the_batch_is_the_same_for_every_thread_count() {
    batch_thread_invariance(64, 13);
    // The candidate-arc method (n >= 1025).
    batch_thread_invariance(1040, 4);
}

fn batch_thread_invariance(n: usize, k: usize) {
    let mut rng = Rng(5);
    let mats: Vec<Mat<f64>> = (0..k)
        .map(|l| {
            if l % 3 == 2 {
                random(&mut rng, n, |r| r.int(0, 4) as f64)
            } else {
                let (x, y) = (points(&mut rng, n, 2), points(&mut rng, n, 2));
                cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap()
            }
        })
        .collect();
    let views: Vec<_> = mats.iter().map(|m| m.as_ref()).collect();
    let one = assignment_batch(&views, 1).unwrap();
    for threads in [2, 3, 0] {
        let other = assignment_batch(&views, threads).unwrap();
        assert_eq!(one.0, other.0, "{threads} threads");
        assert_eq!(one.1, other.1);
        assert_eq!(
            one.2.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            other.2.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        assert_eq!(
            one.3.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            other.3.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
    }
    for (l, c) in views.iter().enumerate() {
        let s = assignment(*c).unwrap();
        assert_eq!(s.info, one.0[l]);
        assert_eq!(s.perm, one.1[l * n..(l + 1) * n]);
        check_certificate(*c, &s, 1e-12);
    }
}

/// n times the optimal cost of the network simplex between uniform weights 1/n.
fn emd_cost(c: MatRef<'_, f64>) -> f64 {
    let n = c.nrows();
    let w = vec![1.0 / n as f64; n];
    emd(&w, &w, c, &EmdParams::default()).unwrap().cost * n as f64
}

#[test]
fn candidate_arcs_equal_the_network_simplex() {
    let mut rng = Rng(21);
    for (n, d) in [(1025, 2), (1100, 3), (1050, 64)] {
        let (x, y) = (points(&mut rng, n, d), points(&mut rng, n, d));
        let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
        let s = assignment(c.as_ref()).unwrap();
        let cost = check_certificate(c.as_ref(), &s, 1e-12);
        let want = emd_cost(c.as_ref());
        assert!(
            (cost - want).abs() <= 1e-11 * want,
            "n {n} d {d}: {cost} vs {want}"
        );
    }
    // Costs without geometry, and negative ones.
    let c = random(&mut rng, 1050, |r| 200.0 * r.uniform() - 100.0);
    let s = assignment(c.as_ref()).unwrap();
    let cost = check_certificate(c.as_ref(), &s, 1e-10);
    // The network simplex wants costs >= 0: the same problem shifted by 100 on every arc.
    let shifted = Mat::from_fn(1050, 1050, |i, j| c[(i, j)] + 100.0);
    let want = emd_cost(shifted.as_ref()) - 100.0 * 1050.0;
    assert!(
        (cost - want).abs() <= 1e-11 * want.abs(),
        "{cost} vs {want}"
    );
}

/// From n = 900 on, clouds whose column minima crowd on few rows are solved from an
/// auction's prices (`bids` > 0; below n = 1025 with dense searches, from 1025 on with
/// candidate arcs), not at n = 899 nor on uniform i.i.d. costs (`bids` = 0); all certified
/// and equal to the network simplex.
#[test]
fn the_auction_start_on_crowded_minima_equals_the_network_simplex() {
    let mut rng = Rng(34);
    let cases = [
        (899, 64, false),
        (900, 64, true),
        (1000, 2, true),
        (1024, 512, true),
        (1100, 64, true),
    ];
    for (n, d, auction) in cases {
        let (x, y) = (points(&mut rng, n, d), points(&mut rng, n, d));
        let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
        let s = assignment(c.as_ref()).unwrap();
        assert_eq!(s.info.bids > 0, auction, "n {n} d {d}");
        let cost = check_certificate(c.as_ref(), &s, 1e-12 * (d as f64));
        let want = emd_cost(c.as_ref());
        assert!(
            (cost - want).abs() <= 1e-11 * want,
            "n {n} d {d}: {cost} vs {want}"
        );
    }
    let c = random(&mut rng, 1000, |r| r.uniform());
    let s = assignment(c.as_ref()).unwrap();
    assert_eq!(s.info.bids, 0);
    let cost = check_certificate(c.as_ref(), &s, 1e-12);
    let want = emd_cost(c.as_ref());
    assert!((cost - want).abs() <= 1e-11 * want, "{cost} vs {want}");
}

#[test]
fn candidate_arcs_are_exact_on_integer_costs_with_many_ties() {
    let mut rng = Rng(23);
    for (n, hi) in [(1025, 1), (1050, 3), (1100, 20)] {
        let c = random(&mut rng, n, |r| r.int(0, hi) as f64);
        let s = assignment(c.as_ref()).unwrap();
        // Integer costs: every dual and reduced cost is an integer, computed exactly.
        let cost = check_certificate(c.as_ref(), &s, 0.0);
        assert_eq!(s.info.gap, 0.0, "n {n}");
        assert_eq!(cost, emd_cost(c.as_ref()).round(), "n {n}");
    }
    let c = Mat::from_fn(1050, 1050, |_, _| 2.25);
    let s = assignment(c.as_ref()).unwrap();
    check_certificate(c.as_ref(), &s, 0.0);
    assert_eq!((s.info.cost, s.info.gap), (2.25 * 1050.0, 0.0));
}

/// Every row's cheapest columns are the first 16, and so are every column's cheapest rows:
/// the first candidates of rows 16.. all go to columns 0..16 and hold no perfect matching,
/// so the searches must expand rows from their dense costs (or read them densely).
#[test]
fn candidates_without_a_perfect_matching_still_give_the_optimum() {
    let mut rng = Rng(29);
    let n = 1050;
    let block = |i: usize| if i < 16 { 0.0 } else { 100.0 };
    let c = Mat::from_fn(n, n, |i, j| block(i) + block(j) + rng.uniform());
    let s = assignment(c.as_ref()).unwrap();
    let cost = check_certificate(c.as_ref(), &s, 1e-11);
    let want = emd_cost(c.as_ref());
    assert!((cost - want).abs() <= 1e-11 * want, "{cost} vs {want}");
}

/// A progress observer sees each augmenting path of the candidate-arc method; stopping returns a
/// permutation marked cancelled, with as many paths as were reported.
#[test]
fn a_stop_with_candidate_arcs_returns_a_permutation() {
    use otcore::progress::{observe, Flow};
    let mut rng = Rng(31);
    let n = 1050;
    let (x, y) = (points(&mut rng, n, 2), points(&mut rng, n, 2));
    let c = cost_matrix(x.as_ref(), y.as_ref(), Metric::SqEuclidean, 1).unwrap();
    let full = assignment(c.as_ref()).unwrap();
    let mut seen = Vec::new();
    let watched = observe(
        &mut |it, left| {
            seen.push((it, left));
            Flow::Continue
        },
        || assignment(c.as_ref()).unwrap(),
    );
    assert_eq!((&watched.perm, watched.info), (&full.perm, full.info));
    assert!(!watched.info.cancelled && full.info.augmentations > 10);
    assert_eq!(seen.len() as u64, full.info.augmentations);
    assert!(seen.iter().enumerate().all(|(k, s)| s.0 == k as u64 + 1));

    let stopped = observe(
        &mut |it, _| if it >= 5 { Flow::Stop } else { Flow::Continue },
        || assignment(c.as_ref()).unwrap(),
    );
    assert!(stopped.info.cancelled);
    assert_eq!(stopped.info.augmentations, 5);
    let mut sorted = stopped.perm.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..n).collect::<Vec<_>>());
    let cost: f64 = (0..n).map(|i| c[(i, stopped.perm[i])]).sum();
    assert!((cost - stopped.info.cost).abs() <= 1e-12 * cost);
    assert!(cost > full.info.cost && stopped.info.gap < 0.0);
}

/// Runs [`assignment_in_place`] on outputs filled with a sentinel; returns the error and
/// checks that the outputs were left untouched.
fn in_place_error(c: MatRef<'_, f64>, n_out: usize, stack_bytes: Option<usize>) -> otcore::Error {
    let mut perm = vec![7usize; n_out];
    let (mut u, mut v) = (vec![-1.5; n_out], vec![-2.5; n_out]);
    let bytes = stack_bytes.unwrap_or_else(|| {
        otcore::workspace::bytes_for(assignment_scratch(c.nrows().max(c.ncols()))).unwrap()
    });
    let mut buf = vec![std::mem::MaybeUninit::<u8>::uninit(); bytes];
    let out = AssignmentOutputs {
        perm: Some(&mut perm),
        u: Some(&mut u),
        v: Some(&mut v),
    };
    let e = assignment_in_place(c, out, Par::Seq, MemStack::new(&mut buf)).unwrap_err();
    assert!(perm.iter().all(|&p| p == 7) && u.iter().all(|&x| x == -1.5));
    assert!(v.iter().all(|&x| x == -2.5));
    e
}

#[test]
fn bad_inputs_fail_with_their_status_and_leave_the_outputs_untouched() {
    let rect = Mat::from_fn(3, 4, |i, j| (i + j) as f64);
    let e = in_place_error(rect.as_ref(), 3, None);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(e.message.contains("cost is 3x4"), "{}", e.message);
    let empty = Mat::<f64>::zeros(0, 0);
    assert_eq!(
        in_place_error(empty.as_ref(), 0, None).kind,
        ErrorKind::InvalidDimension
    );

    let mut c = Mat::from_fn(5, 5, |i, j| (i * j) as f64);
    c[(2, 3)] = f64::NAN;
    let e = in_place_error(c.as_ref(), 5, None);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(e.message.contains("cost[2, 3] is NaN"), "{}", e.message);
    c[(2, 3)] = f64::NEG_INFINITY;
    assert_eq!(
        in_place_error(c.as_ref(), 5, None).kind,
        ErrorKind::NonFinite
    );
    c[(2, 3)] = 1e308;
    let e = in_place_error(c.as_ref(), 5, None);
    assert_eq!(e.kind, ErrorKind::InvalidArgument);
    assert!(e.message.contains("too large"), "{}", e.message);
    // The values are checked in the pass of the column minima: also for n = 1, and on the
    // candidate-arc path (n ≥ 1025) read as the transpose of a column-major view, where the
    // entry is still named in the caller's (i, j).
    let one = Mat::from_fn(1, 1, |_, _| f64::NAN);
    assert_eq!(
        in_place_error(one.as_ref(), 1, None).kind,
        ErrorKind::NonFinite
    );
    let mut big = Mat::from_fn(1050, 1050, |i, j| ((i * 31 + j * 17) % 101) as f64);
    big[(17, 1049)] = f64::INFINITY;
    let e = in_place_error(big.as_ref(), 1050, None);
    assert!(e.message.contains("cost[17, 1049] is inf"), "{}", e.message);
    let big_t = big.transpose().to_owned();
    let e = in_place_error(big_t.as_ref().transpose(), 1050, None);
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(e.message.contains("cost[17, 1049] is inf"), "{}", e.message);

    let c = Mat::from_fn(5, 5, |i, j| (i * j) as f64);
    let e = in_place_error(c.as_ref(), 4, None);
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(
        e.message.contains("perm has length 4, expected n = 5"),
        "{}",
        e.message
    );
    let e = in_place_error(c.as_ref(), 5, Some(16));
    assert_eq!(e.kind, ErrorKind::WorkspaceTooSmall);
    assert!(e.message.contains("16 bytes is too small"), "{}", e.message);
}

#[test]
fn a_bad_problem_in_a_batch_is_named_and_nothing_is_written() {
    let good = Mat::from_fn(4, 4, |i, j| ((i + 2 * j) % 5) as f64);
    let mut bad = good.clone();
    bad[(1, 0)] = f64::INFINITY;
    let small = Mat::from_fn(3, 3, |_, _| 1.0);
    let views = [good.as_ref(), bad.as_ref(), good.as_ref()];
    let req = assignment_batch_scratch(4, 3, Par::Seq).unwrap();
    let mut buf =
        vec![std::mem::MaybeUninit::<u8>::uninit(); otcore::workspace::bytes_for(req).unwrap()];
    let mut info = vec![AssignmentInfo::default(); 3];
    let mut perm = vec![9usize; 12];
    let out = AssignmentBatchOutputs {
        info: &mut info,
        perm: Some(&mut perm),
        u: None,
        v: None,
    };
    let e = assignment_batch_in_place(&views, out, Par::Seq, MemStack::new(&mut buf)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::NonFinite);
    assert!(
        e.message.starts_with("problem 1: cost[1, 0] is inf"),
        "{}",
        e.message
    );
    assert!(perm.iter().all(|&p| p == 9) && info.iter().all(|i| *i == AssignmentInfo::default()));
    let e = assignment_batch(&[good.as_ref(), small.as_ref()], 1).unwrap_err();
    assert_eq!(e.kind, ErrorKind::InvalidDimension);
    assert!(
        e.message
            .contains("problem 1 has 3 rows but problem 0 has 4"),
        "{}",
        e.message
    );
    assert_eq!(
        assignment_batch(&[], 1).unwrap_err().kind,
        ErrorKind::InvalidDimension
    );
}

//! Progress and cancellation of iterative solvers.
//!
//! An iterative solver calls [`check`] at each of its convergence checks, with its iteration
//! count and its error measure. Nobody observes by default (one thread-local read per call).
//! A caller that wants to watch or stop a solve runs it inside [`observe`]: its observer sees
//! every check made on the current thread during the solve, and returning [`Flow::Stop`]
//! makes the solver stop as it would at its iteration cap, with a valid current iterate,
//! its info marking the solve as cancelled.
//!
//! The observer is per thread: a solve must run its main loop on the thread that observes
//! (`par::with_threads(k, |par| observe(&mut obs, || solve(par)))`). The C layer
//! (`ffi::shape::run`) does that and moves the C callback back to the calling thread.

use std::cell::Cell;

/// What an observer tells the solver after a check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Go on iterating.
    Continue,
    /// Stop now, with the current iterate as the result.
    Stop,
}

/// An observer: `(iteration, error) -> Flow`.
type Observer<'a> = &'a mut dyn FnMut(u64, f64) -> Flow;

/// A relaying observer: `(iteration, error, forward to the enclosing observer) -> Flow`.
type Relay<'a> = &'a mut dyn FnMut(u64, f64, &mut dyn FnMut(u64, f64) -> Flow) -> Flow;

thread_local! {
    /// The current thread's observer, type-erased (a `*mut Observer` valid while [`observe`]
    /// runs), or null.
    static OBSERVER: Cell<*mut ()> = const { Cell::new(std::ptr::null_mut()) };
}

/// Reports a solver's convergence check: `iteration` (iterations so far, as the solver's
/// info counts them) and `error` (the solver's error measure at that point). Returns
/// [`Flow::Stop`] when the thread's observer asks the solver to stop, [`Flow::Continue`]
/// otherwise (always, when nobody observes). O(1) without an observer.
pub fn check(iteration: u64, error: f64) -> Flow {
    let ptr = OBSERVER
        .try_with(|o| o.get())
        .unwrap_or(std::ptr::null_mut());
    if ptr.is_null() {
        return Flow::Continue;
    }
    // The observer is taken out while it runs, so that a solve it starts itself (a
    // callback calling the library) does not re-enter it.
    let _ = OBSERVER.try_with(|o| o.set(std::ptr::null_mut()));
    let restore = Restore(ptr);
    // SAFETY: a non-null OBSERVER was set by `observe` on this thread from a live
    // `&mut Observer` that outlives the call to `f` within which this check runs, and it is
    // not otherwise used while taken out.
    let observer = unsafe { &mut *(ptr as *mut Observer) };
    let flow = observer(iteration, error);
    drop(restore);
    flow
}

/// Puts an observer pointer back into the thread's slot when dropped (also on unwinding).
struct Restore(*mut ());

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = OBSERVER.try_with(|o| o.set(self.0));
    }
}

/// Runs `f` with `observer` receiving every [`check`] made on the current thread while `f`
/// runs; the previous observer (if any) comes back afterwards, also when `f` panics.
pub fn observe<R>(observer: &mut dyn FnMut(u64, f64) -> Flow, f: impl FnOnce() -> R) -> R {
    let mut observer: Observer = observer;
    let ptr = &mut observer as *mut Observer as *mut ();
    let previous = OBSERVER.try_with(|o| o.replace(ptr)).ok();
    let _restore = Restore(previous.unwrap_or(std::ptr::null_mut()));
    f()
}

/// Runs `f` with `observer` receiving every [`check`] made on the current thread while `f`
/// runs, like [`observe`], and handing it `outer`: a function forwarding a check to the
/// observer that was current when `relay` was called ([`Flow::Continue`] when there was
/// none). A batch uses it to translate its problems' checks into its own progress, and to
/// stop the problems running on other threads, whose checks see no outer observer.
pub fn relay<R>(observer: Relay<'_>, f: impl FnOnce() -> R) -> R {
    let outer = OBSERVER
        .try_with(|o| o.get())
        .unwrap_or(std::ptr::null_mut());
    let mut forward = |iteration: u64, error: f64| {
        if outer.is_null() {
            return Flow::Continue;
        }
        // SAFETY: a non-null OBSERVER was set by `observe` on this thread from a live
        // `&mut Observer` whose `observe` call encloses this `relay` call; it is not in the
        // thread's slot while `observer` runs (`check` takes the slot's observer, `observer`
        // itself, out), so nothing else uses it meanwhile.
        let outer = unsafe { &mut *(outer as *mut Observer) };
        outer(iteration, error)
    };
    observe(
        &mut |iteration, error| observer(iteration, error, &mut forward),
        f,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy solver: halves its error until `tolerance`, reporting every step.
    fn halve(tolerance: f64) -> (u64, bool) {
        let (mut error, mut it) = (1.0, 0);
        while error > tolerance {
            error /= 2.0;
            it += 1;
            if check(it, error) == Flow::Stop {
                return (it, true);
            }
        }
        (it, false)
    }

    #[test]
    fn unobserved_solves_run_to_the_end() {
        assert_eq!(halve(1.0 / 1024.0), (10, false));
    }

    #[test]
    fn an_observer_sees_every_check_and_can_stop() {
        let mut seen = Vec::new();
        let result = observe(
            &mut |it, err| {
                seen.push((it, err));
                if it == 3 {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
            || halve(1e-9),
        );
        assert_eq!(result, (3, true));
        assert_eq!(seen, vec![(1, 0.5), (2, 0.25), (3, 0.125)]);
        assert_eq!(
            halve(0.25),
            (2, false),
            "the observer is gone after observe"
        );
    }

    #[test]
    fn a_solve_inside_an_observer_is_not_observed_and_nesting_restores() {
        let mut outer_calls = 0;
        let r = observe(
            &mut |_, _| {
                outer_calls += 1;
                // A solve started by the observer itself runs unobserved.
                assert_eq!(halve(0.25), (2, false));
                Flow::Continue
            },
            || {
                let mut inner_calls = 0;
                let inner = observe(
                    &mut |_, _| {
                        inner_calls += 1;
                        Flow::Continue
                    },
                    || halve(0.5),
                );
                assert_eq!((inner, inner_calls), ((1, false), 1));
                halve(0.125)
            },
        );
        assert_eq!((r, outer_calls), ((3, false), 3));
    }

    #[test]
    fn a_panicking_solve_leaves_no_observer_behind() {
        let caught = std::panic::catch_unwind(|| {
            observe(&mut |_, _| Flow::Continue, || panic!("solver bug"));
        });
        assert!(caught.is_err());
        assert!(OBSERVER.with(|o| o.get().is_null()));
    }

    #[test]
    fn a_relay_translates_checks_for_the_enclosing_observer() {
        let mut seen = Vec::new();
        let result = observe(
            &mut |it, err| {
                seen.push((it, err));
                if it == 12 {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
            || {
                relay(&mut |it, err, outer| outer(it + 10, err * 2.0), || {
                    halve(1e-9)
                })
            },
        );
        assert_eq!(result, (2, true));
        assert_eq!(seen, vec![(11, 1.0), (12, 0.5)]);
        // Without an enclosing observer the relay's forward is a no-op that goes on.
        let mut calls = 0;
        let r = relay(
            &mut |it, err, outer| {
                calls += 1;
                outer(it, err)
            },
            || halve(0.25),
        );
        assert_eq!((r, calls), ((2, false), 2));
    }
}

//! Checked conversion of C arguments (pointers, lengths, strided views, option structs,
//! workspaces) into Rust references. Every check failure is an [`Error`] whose message names
//! the argument; nothing is dereferenced before it is checked.

use super::view::MatrixView;
use crate::workspace::{bytes_for, check_stack, with_stack};
use crate::{bail, Error, ErrorKind, MatMut, MatRef, MemStack, Result, StackReq};
use std::ffi::c_void;
use std::fmt::Display;
use std::mem::{align_of, size_of, MaybeUninit};

/// The byte range `[lo, hi)` an argument covers, for overlap checks.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    lo: usize,
    hi: usize,
}

impl Region {
    fn overlaps(self, other: Region) -> bool {
        self.lo < other.hi && other.lo < self.hi
    }
}

/// The name of element `.1` of the array argument `.0` (`"costs[3]"`), formatted only into
/// an error message.
#[derive(Clone, Copy, Debug)]
pub struct Indexed(pub &'static str, pub usize);

impl Display for Indexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}[{}]", self.0, self.1)
    }
}

/// Checks that no output overlaps another output or any input. `outputs` and `inputs` name
/// each region for the message.
pub fn check_disjoint(outputs: &[(&str, Region)], inputs: &[(&str, Region)]) -> Result<()> {
    for (k, &(name, r)) in outputs.iter().enumerate() {
        for &(other, q) in outputs[k + 1..].iter().chain(inputs) {
            if r.overlaps(q) {
                bail!(Aliasing, "output {name} overlaps {other}");
            }
        }
    }
    Ok(())
}

/// An argument's name and region; `None` for an optional argument passed as NULL.
pub type Arg = (&'static str, Option<Region>);

/// [`check_disjoint`] over the arguments that are present (optional ones may be NULL), with
/// the inputs given as several lists; allocation-free.
pub fn disjoint(outputs: &[Arg], inputs: &[&[Arg]]) -> Result<()> {
    for (k, &(name, r)) in outputs.iter().enumerate() {
        let others = outputs[k + 1..]
            .iter()
            .chain(inputs.iter().copied().flatten());
        if let Some(r) = r {
            for &(other, q) in others {
                if let Some(q) = q {
                    check_disjoint(&[(name, r)], &[(other, q)])?;
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn check_ptr<T>(what: impl std::fmt::Display, ptr: *const T) -> Result<()> {
    if ptr.is_null() {
        bail!(NullPointer, "{what} is NULL");
    }
    if !(ptr as usize).is_multiple_of(align_of::<T>()) {
        bail!(
            InvalidStride,
            "{what} is not aligned to {} bytes",
            align_of::<T>()
        );
    }
    Ok(())
}

/// The region of `len` contiguous elements of `T` at `ptr`, checked against overflow.
pub(crate) fn contiguous_region<T>(what: &str, ptr: *const T, len: usize) -> Result<Region> {
    let bytes = len
        .checked_mul(size_of::<T>())
        .filter(|&b| b <= isize::MAX as usize)
        .ok_or_else(|| {
            Error::new(
                ErrorKind::Overflow,
                format!("{what}: {len} elements overflow"),
            )
        })?;
    let lo = ptr as usize;
    let hi = lo.checked_add(bytes).ok_or_else(|| {
        Error::new(
            ErrorKind::Overflow,
            format!("{what} wraps the address space"),
        )
    })?;
    Ok(Region { lo, hi })
}

/// A slice of `len ≥ 1` elements from a C pointer.
///
/// # Safety
/// If the checks pass, `ptr` must point to `len` initialised elements valid for `'a`.
pub unsafe fn slice<'a, T>(what: &str, ptr: *const T, len: usize) -> Result<(&'a [T], Region)> {
    if len == 0 {
        bail!(InvalidDimension, "{what} has length 0");
    }
    check_ptr(what, ptr)?;
    let region = contiguous_region(what, ptr, len)?;
    // SAFETY: non-null, aligned, size fits isize (checked above); validity is the caller's
    // contract stated in the header.
    Ok((unsafe { std::slice::from_raw_parts(ptr, len) }, region))
}

/// A mutable slice of `len ≥ 1` elements from a C pointer.
///
/// # Safety
/// As [`slice()`], and the memory must not be accessed through any other pointer during `'a`.
pub unsafe fn slice_mut<'a, T>(
    what: &str,
    ptr: *mut T,
    len: usize,
) -> Result<(&'a mut [T], Region)> {
    if len == 0 {
        bail!(InvalidDimension, "{what} has length 0");
    }
    check_ptr(what, ptr)?;
    let region = contiguous_region(what, ptr, len)?;
    // SAFETY: as in `slice`; exclusivity is the caller's contract (outputs are checked
    // disjoint from inputs by `check_disjoint`).
    Ok((unsafe { std::slice::from_raw_parts_mut(ptr, len) }, region))
}

/// An optional output array: `None` when `ptr` is NULL.
///
/// # Safety
/// As [`slice_mut`] when `ptr` is not NULL.
pub unsafe fn opt_slice_mut<'a, T>(
    what: &str,
    ptr: *mut T,
    len: usize,
) -> Result<Option<(&'a mut [T], Region)>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { slice_mut(what, ptr, len) }.map(Some)
}

/// An optional input array: `None` when `ptr` is NULL.
///
/// # Safety
/// As [`slice()`] when `ptr` is not NULL.
pub unsafe fn opt_slice<'a, T>(
    what: &str,
    ptr: *const T,
    len: usize,
) -> Result<Option<(&'a [T], Region)>> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: forwarded contract.
    unsafe { slice(what, ptr, len) }.map(Some)
}

/// A required scalar or struct output, with its region for [`check_disjoint`].
///
/// # Safety
/// `ptr` must be valid for writes during `'a`.
pub unsafe fn out<'a, T>(what: &str, ptr: *mut T) -> Result<(&'a mut T, Region)> {
    check_ptr(what, ptr)?;
    let region = contiguous_region(what, ptr, 1)?;
    // SAFETY: non-null and aligned; validity is the caller's contract.
    Ok((unsafe { &mut *ptr }, region))
}

/// Checks the geometry of a view: non-NULL aligned data, non-zero sizes, and an extent that
/// fits the address space. Returns its byte region.
fn view_region<M: MatrixView>(what: impl Display + Copy, m: &M) -> Result<Region> {
    let (ptr, rows, cols, rs, cs) = m.parts();
    if rows == 0 || cols == 0 {
        bail!(
            InvalidDimension,
            "{what} is {rows}x{cols}: both sizes must be >= 1"
        );
    }
    // `format_args!`: the name is formatted only in the error message (no allocation).
    check_ptr(format_args!("{what}.data"), ptr)?;
    // The implied work: a view with zero strides ("broadcast") may state any size, but never
    // more elements than a dense matrix could hold in the address space.
    if rows
        .checked_mul(cols)
        .and_then(|e| e.checked_mul(size_of::<M::T>()))
        .is_none_or(|b| b > isize::MAX as usize)
    {
        bail!(
            Overflow,
            "{what} is {rows}x{cols}: its element count overflows the address space"
        );
    }
    let overflow = || {
        Error::new(
            ErrorKind::Overflow,
            format!("{what}: strides ({rs}, {cs}) overflow"),
        )
    };
    // Extent in elements on each side of (0, 0).
    let mut below: usize = 0;
    let mut above: usize = 0;
    for (len, stride) in [(rows, rs), (cols, cs)] {
        let reach = (len - 1)
            .checked_mul(stride.unsigned_abs())
            .ok_or_else(overflow)?;
        if stride < 0 {
            below = below.checked_add(reach).ok_or_else(overflow)?;
        } else {
            above = above.checked_add(reach).ok_or_else(overflow)?;
        }
    }
    let sz = size_of::<M::T>();
    let below_b = below.checked_mul(sz).ok_or_else(overflow)?;
    let above_b = above
        .checked_add(1)
        .and_then(|a| a.checked_mul(sz))
        .ok_or_else(overflow)?;
    if below_b
        .checked_add(above_b)
        .is_none_or(|t| t > isize::MAX as usize)
    {
        return Err(overflow());
    }
    let base = ptr as usize;
    let lo = base.checked_sub(below_b).ok_or_else(overflow)?;
    let hi = base.checked_add(above_b).ok_or_else(overflow)?;
    Ok(Region { lo, hi })
}

/// A read-only faer view of a C matrix view (strides may be zero or negative: broadcasts and
/// reversed layouts are fine for inputs).
///
/// # Safety
/// If the checks pass, every element the view addresses must be initialised and valid for `'a`.
pub unsafe fn matrix<'a, M: MatrixView>(
    what: impl Display + Copy,
    m: &M,
) -> Result<(MatRef<'a, M::T>, Region)> {
    let region = view_region(what, m)?;
    let (ptr, rows, cols, rs, cs) = m.parts();
    // SAFETY: geometry checked by `view_region`; validity is the caller's contract.
    Ok((
        unsafe { MatRef::from_raw_parts(ptr, rows, cols, rs, cs) },
        region,
    ))
}

/// A writable faer view of a C matrix view. Its elements must be distinct: non-zero strides
/// with one dimension nested inside the other (`|s_outer| ≥ len_inner·|s_inner|`).
///
/// # Safety
/// As [`matrix`], and the memory must not be accessed through any other pointer during `'a`.
pub unsafe fn matrix_mut<'a, M: MatrixView>(
    what: impl Display + Copy,
    m: &M,
) -> Result<(MatMut<'a, M::T>, Region)> {
    let region = view_region(what, m)?;
    let (ptr, rows, cols, rs, cs) = m.parts();
    let (r, c) = (rs.unsigned_abs(), cs.unsigned_abs());
    let distinct = match (rows > 1, cols > 1) {
        (false, false) => true,
        (true, false) => r != 0,
        (false, true) => c != 0,
        (true, true) => {
            r != 0
                && c != 0
                && (c.checked_mul(cols).is_some_and(|w| r >= w)
                    || r.checked_mul(rows).is_some_and(|h| c >= h))
        }
    };
    if !distinct {
        bail!(
            InvalidStride,
            "output {what} ({rows}x{cols}, strides {rs}, {cs}) addresses some elements twice"
        );
    }
    // SAFETY: geometry checked above, elements distinct; exclusivity is the caller's contract
    // (checked against the other arguments by `check_disjoint`).
    Ok((
        unsafe { MatMut::from_raw_parts_mut(ptr as *mut M::T, rows, cols, rs, cs) },
        region,
    ))
}

/// Converts a C integer naming an enumerator into the Rust enum, or `OTC_ERR_INVALID_ARGUMENT`
/// listing the accepted values.
pub fn enum_arg<E: TryFrom<i32>>(what: &str, value: i32, accepted: &str) -> Result<E> {
    E::try_from(value).map_err(|_| {
        Error::new(
            ErrorKind::InvalidArgument,
            format!("{what} = {value} is unknown: expected {accepted}"),
        )
    })
}

/// Writes the workspace size of `req` into `out_bytes` (the body of every `*_workspace_size`).
///
/// # Safety
/// `out_bytes` must be valid for writes.
pub unsafe fn write_workspace_size(req: StackReq, out_bytes: *mut usize) -> Result<()> {
    // SAFETY: forwarded contract.
    let (out, _) = unsafe { out("out_bytes", out_bytes) }?;
    *out = bytes_for(req)?;
    Ok(())
}

/// Runs `f` on the caller's workspace `work` of `work_bytes` (any alignment), or on one the
/// library allocates when `work` is NULL. `OTC_ERR_WORKSPACE_TOO_SMALL` when it cannot hold `req`.
///
/// # Safety
/// When not NULL, `work` must be valid for reads and writes of `work_bytes` bytes during the
/// call, and not overlap any other argument.
pub unsafe fn with_workspace<R>(
    work: *mut c_void,
    work_bytes: usize,
    req: StackReq,
    f: impl FnOnce(&mut MemStack) -> Result<R>,
) -> Result<R> {
    if work.is_null() {
        return with_stack(req, f)?;
    }
    contiguous_region("work", work as *const u8, work_bytes)?;
    // SAFETY: non-null, size fits isize; validity is the caller's contract. `MaybeUninit<u8>`
    // has no alignment or initialisation requirement.
    let buf = unsafe { std::slice::from_raw_parts_mut(work as *mut MaybeUninit<u8>, work_bytes) };
    let stack = MemStack::new(buf);
    check_stack(stack, req)?;
    f(stack)
}

/// Runs `f` with `num_threads` threads (the options' C value) on the caller's workspace `work`
/// or an allocated one: [`with_workspace`] around [`crate::par::with_threads`], the tail of
/// most compute entry points.
///
/// # Safety
/// As [`with_workspace`].
pub unsafe fn run_threaded<R: Send>(
    num_threads: u32,
    work: *mut c_void,
    work_bytes: usize,
    req: StackReq,
    f: impl FnOnce(crate::Par, &mut MemStack) -> Result<R> + Send,
) -> Result<R> {
    // SAFETY: forwarded contract.
    unsafe {
        with_workspace(work, work_bytes, req, |stack| {
            crate::par::with_threads(threads(num_threads), |par| f(par, stack))?
        })
    }
}

/// A count of the C ABI (`uint64_t`: iterations, caps) as `usize`, saturating on 32-bit
/// targets, where no cap that large can be reached anyway.
pub fn count(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// `usize` from a C `uint32_t` thread count.
pub fn threads(num_threads: u32) -> usize {
    num_threads as usize
}

/// The [`crate::Par`] a `num_threads` option stands for (its thread count resolved, no pool
/// touched): for workspace queries whose size depends on the number of workers.
pub fn par_of(num_threads: u32) -> Result<crate::Par> {
    let k = crate::par::resolve_threads(threads(num_threads))?;
    Ok(std::num::NonZeroUsize::new(k)
        .filter(|k| k.get() > 1)
        .map_or(crate::Par::Seq, crate::Par::Rayon))
}

/// An optional sparse-plan output: the arrays `names` = (rows, cols, mass) of `cap` entries
/// each, which go together (all three or none, else `OTC_ERR_NULL_POINTER`); with their
/// regions, in that order, for [`disjoint`].
///
/// # Safety
/// As [`slice_mut`] for each pointer that is not NULL.
pub unsafe fn sparse_plan<'a>(
    names: [&'static str; 3],
    rows: *mut usize,
    cols: *mut usize,
    mass: *mut f64,
    cap: usize,
) -> Result<Option<(crate::exact::SparsePlanMut<'a>, [Region; 3])>> {
    let given = [!rows.is_null(), !cols.is_null(), !mass.is_null()];
    if given.contains(&true) && given.contains(&false) {
        bail!(
            NullPointer,
            "{}, {} and {} go together: give all three or none",
            names[0],
            names[1],
            names[2]
        );
    }
    // SAFETY (three calls): forwarded contract.
    let r = unsafe { opt_slice_mut(names[0], rows, cap) }?;
    let c = unsafe { opt_slice_mut(names[1], cols, cap) }?;
    let x = unsafe { opt_slice_mut(names[2], mass, cap) }?;
    Ok(match (r, c, x) {
        (Some(r), Some(c), Some(x)) => Some((
            crate::exact::SparsePlanMut {
                rows: r.0,
                cols: c.0,
                mass: x.0,
            },
            [r.1, c.1, x.1],
        )),
        _ => None,
    })
}

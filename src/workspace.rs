//! Workspaces: every in-place kernel states what it needs as a [`StackReq`] and takes its
//! temporaries from a caller-provided [`MemStack`] (faer's `dyn-stack`), never from the heap.

pub use faer::dyn_stack::{MemStack, StackReq};

use crate::{Error, ErrorKind, Result};

/// Alignment of SIMD temporaries (one cache line; enough for AVX-512).
pub(crate) const SIMD_ALIGN: usize = 64;

/// Workspace for `n` values of `T`, cache-line aligned.
pub fn vec_req<T>(n: usize) -> StackReq {
    StackReq::new_aligned::<T>(n, SIMD_ALIGN)
}

/// Bytes a caller must provide, at any alignment, to satisfy `req`; an error if the size
/// computation overflowed.
pub fn bytes_for(req: StackReq) -> Result<usize> {
    match req.layout() {
        Ok(l) => l
            .size()
            .checked_add(l.align() - 1)
            .ok_or_else(|| Error::new(ErrorKind::Overflow, "workspace size overflows usize")),
        Err(_) => Err(Error::new(
            ErrorKind::Overflow,
            "workspace size overflows usize",
        )),
    }
}

/// Checks that `stack` can hold `req`, with the sizes in the message.
pub fn check_stack(stack: &MemStack, req: StackReq) -> Result<()> {
    if stack.can_hold(req) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::WorkspaceTooSmall,
            format!(
                "workspace of {} bytes is too small: {} bytes needed",
                stack.len_bytes(),
                bytes_for(req)?
            ),
        ))
    }
}

/// Takes `n` values of `T`, each `init`, cache-line aligned, from `stack`.
///
/// Panics if `stack` is too small: check with [`check_stack`] at the kernel's entry.
pub fn take<T: bytemuck::Pod>(
    stack: &mut MemStack,
    n: usize,
    init: T,
) -> (faer::dyn_stack::DynArray<'_, T>, &mut MemStack) {
    stack.make_aligned_with(n, SIMD_ALIGN, |_| init)
}

/// The error of a failed allocation of `bytes` bytes for `what`.
pub fn out_of_memory(what: &str, bytes: usize) -> Error {
    Error::new(
        ErrorKind::OutOfMemory,
        format!("cannot allocate {bytes} bytes for {what}"),
    )
}

/// An empty vector with room for exactly `n` values of `T`, allocated fallibly:
/// `ErrorKind::OutOfMemory` naming the bytes (and `what`) when the allocator refuses.
pub fn try_vec_with_capacity<T>(what: &str, n: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n)
        .map_err(|_| out_of_memory(what, n.saturating_mul(std::mem::size_of::<T>())))?;
    Ok(v)
}

/// Runs `f` with a freshly allocated stack of `req`: the convenience level's single
/// allocation, made fallibly (`ErrorKind::OutOfMemory` naming the bytes, never an abort).
pub fn with_stack<R>(req: StackReq, f: impl FnOnce(&mut MemStack) -> R) -> Result<R> {
    let bytes = bytes_for(req)?;
    let mut buf = try_vec_with_capacity::<std::mem::MaybeUninit<u8>>("the workspace", bytes)?;
    buf.resize(bytes, std::mem::MaybeUninit::uninit());
    Ok(f(MemStack::new(&mut buf)))
}

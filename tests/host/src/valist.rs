//! Reading the `va_list` that libpurple passes to `request_choice` and `request_action`.
//!
//! Stable Rust cannot consume a C `va_list` (`core::ffi::VaList` is unstable), so this reads
//! it by hand for the one ABI the host runs on: x86-64 System V, where a `va_list` is a
//! pointer to a `__va_list_tag`. The lists only carry INTEGER-class arguments (pointers and
//! ints), which occupy one 8-byte slot each: first in the register save area, then on the
//! stack (the "overflow area").

#[cfg(not(all(target_arch = "x86_64", unix, not(target_os = "macos"))))]
compile_error!("purple-host reads va_lists the x86-64 System V way; port valist.rs first");

use std::ffi::c_void;

use crate::ffi::__va_list_tag;

/// Size of the six general-purpose argument registers in the register save area.
const GP_REGISTER_AREA: u32 = 6 * 8;

/// A cursor over a `va_list` that holds only pointer- and int-sized arguments.
pub struct VaArgs {
    tag: *mut __va_list_tag,
}

impl VaArgs {
    /// # Safety
    /// `tag` is the `va_list` libpurple passed to the callback, not yet consumed past the
    /// arguments that will be read, and used only during that callback.
    pub unsafe fn new(tag: *mut __va_list_tag) -> Self {
        Self { tag }
    }

    /// The next argument's 8-byte slot (the System V `va_arg` algorithm for INTEGER class).
    ///
    /// # Safety
    /// Another argument of INTEGER class must follow in the list.
    unsafe fn next_slot(&mut self) -> u64 {
        // SAFETY: per the constructor's and this function's contracts, the tag is valid and
        // its next slot holds an argument.
        unsafe {
            let tag = &mut *self.tag;
            if tag.gp_offset < GP_REGISTER_AREA {
                let slot = tag
                    .reg_save_area
                    .cast::<u8>()
                    .add(tag.gp_offset as usize)
                    .cast::<u64>();
                tag.gp_offset += 8;
                slot.read()
            } else {
                let slot = tag.overflow_arg_area.cast::<u64>();
                tag.overflow_arg_area = slot.add(1).cast::<c_void>();
                slot.read()
            }
        }
    }

    /// # Safety
    /// The next argument is a pointer.
    pub unsafe fn next_pointer<T>(&mut self) -> *mut T {
        (unsafe { self.next_slot() }) as usize as *mut T
    }

    /// # Safety
    /// The next argument is an `int` (only the low 32 bits of its slot are defined).
    pub unsafe fn next_int(&mut self) -> i32 {
        (unsafe { self.next_slot() }) as u32 as i32
    }
}

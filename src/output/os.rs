//! What a run does on Windows that Unix does its own way: the console's code page,
//! Ctrl-C and closing the console window, whether a process still runs, and whether
//! another program (Excel) holds a file open. On other systems these do nothing (Unix
//! signals are in [`super::clean_up_on_interrupt`]).

#[cfg(windows)]
use std::sync::atomic::{AtomicU32, Ordering};

/// The console's output code page before [`console_utf8`] set it; 0 when it did not.
#[cfg(windows)]
static PREVIOUS_CODE_PAGE: AtomicU32 = AtomicU32::new(0);

/// Windows' code page number for UTF-8.
#[cfg(windows)]
const UTF8: u32 = 65001;

/// Sets the console's output code page to UTF-8 while the command runs: the returned guard
/// (or [`restore_console`] on Ctrl-C) puts the previous one back, since the console is the
/// user's and outlives the run. Rust
/// writes to a console window in UTF-16 whatever its code page, so the tool's own text
/// (accents, the tables' box-drawing lines) reads right either way; UTF-8 is for the
/// programs that read the same console (`ulpk-eval check x.csv | more`). Text redirected
/// to a file is UTF-8 in any case. Nothing happens without a console or elsewhere.
pub fn console_utf8() -> ConsoleUtf8 {
    #[cfg(windows)]
    {
        use windows_sys::Win32::System::Console::{GetConsoleOutputCP, SetConsoleOutputCP};
        // SAFETY: plain calls without pointers; 0 (no console) is checked.
        unsafe {
            let previous = GetConsoleOutputCP();
            if previous != 0 && previous != UTF8 && SetConsoleOutputCP(UTF8) != 0 {
                PREVIOUS_CODE_PAGE.store(previous, Ordering::SeqCst);
            }
        }
    }
    ConsoleUtf8(())
}

/// Puts the console's code page back when dropped (see [`console_utf8`]).
pub struct ConsoleUtf8(());

impl Drop for ConsoleUtf8 {
    fn drop(&mut self) {
        restore_console();
    }
}

/// Puts back the console's code page [`console_utf8`] changed, once.
pub fn restore_console() {
    #[cfg(windows)]
    {
        let previous = PREVIOUS_CODE_PAGE.swap(0, Ordering::SeqCst);
        if previous != 0 {
            // SAFETY: a plain call without pointers.
            unsafe {
                windows_sys::Win32::System::Console::SetConsoleOutputCP(previous);
            }
        }
    }
}

/// What to do on Ctrl-C, Ctrl-Break, the console window closed, log-off or shut-down.
#[cfg(windows)]
static ON_CLOSE: std::sync::OnceLock<fn() -> !> = std::sync::OnceLock::new();

/// Windows: runs `f` (which ends the process) on Ctrl-C, Ctrl-Break, the console window
/// being closed, log-off and shut-down, instead of the process being ended on the spot.
/// Windows runs it on a thread of its own, as signal-hook's thread does on Unix.
#[cfg(windows)]
pub fn on_console_close(f: fn() -> !) {
    use windows_sys::Win32::System::Console::SetConsoleCtrlHandler;
    unsafe extern "system" fn handler(_event: u32) -> windows_sys::core::BOOL {
        match ON_CLOSE.get() {
            Some(f) => f(),
            // Not ours: the next handler (the default ends the process).
            None => 0,
        }
    }
    if ON_CLOSE.set(f).is_ok() {
        // SAFETY: `handler` is a plain function that lives as long as the process.
        unsafe {
            SetConsoleCtrlHandler(Some(handler), 1);
        }
    }
}

/// Whether the process `pid` may still run, so that a temporary file named after it must
/// be left alone: on Linux from `/proc`, on Windows by asking for the process (access
/// denied means it runs, as another user's); elsewhere it is taken to run.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(target_os = "linux")]
    {
        std::path::Path::new(&format!("/proc/{pid}")).exists()
    }
    #[cfg(windows)]
    {
        use windows_sys::Win32::Foundation::{
            CloseHandle, ERROR_INVALID_PARAMETER, GetLastError, STILL_ACTIVE,
        };
        use windows_sys::Win32::System::Threading::{
            GetExitCodeProcess, OpenProcess, PROCESS_QUERY_LIMITED_INFORMATION,
        };
        // SAFETY: the handle is checked, used once and closed; `code` outlives the call.
        unsafe {
            let h = OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
            if h.is_null() {
                // ERROR_INVALID_PARAMETER: no process has that id.
                return GetLastError() != ERROR_INVALID_PARAMETER;
            }
            let mut code = 0u32;
            let known = GetExitCodeProcess(h, &mut code) != 0;
            CloseHandle(h);
            !known || code == STILL_ACTIVE as u32
        }
    }
    #[cfg(not(any(target_os = "linux", windows)))]
    {
        true
    }
}

/// Windows: the error that says another program (Excel) holds `path` open so that it
/// cannot be replaced, when it does: opening it for deletion, sharing everything, fails
/// with a sharing violation exactly when another handle on it does not share deletion,
/// which a rename over it needs. Excel keeps every workbook it shows open that way. A
/// missing file, a folder and any other failure give `None` (the rename says what is
/// wrong). Always `None` elsewhere.
pub fn held_open(path: &std::path::Path) -> Option<std::io::Error> {
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const DELETE: u32 = 0x0001_0000;
        const SHARE_ALL: u32 = 0x1 | 0x2 | 0x4;
        match std::fs::OpenOptions::new()
            .access_mode(DELETE)
            .share_mode(SHARE_ALL)
            .open(path)
        {
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(
                        crate::error::WINDOWS_SHARING_VIOLATION
                            | crate::error::WINDOWS_LOCK_VIOLATION
                    )
                ) =>
            {
                Some(e)
            }
            _ => None,
        }
    }
    #[cfg(not(windows))]
    {
        let _ = path;
        None
    }
}

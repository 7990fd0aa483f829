//! What a run does on Windows that Unix does its own way: whether another program (Excel)
//! holds a file open. On other systems this does nothing.

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

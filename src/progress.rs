//! A progress spinner on stderr for work that takes more than a second. It stays hidden
//! when stderr is not a terminal (indicatif checks; on Windows too, where it draws with
//! the console's own calls) and during the first second.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct Progress {
    bar: ProgressBar,
    done: Arc<AtomicBool>,
}

impl Progress {
    pub fn start() -> Self {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
            // Windows' console font (Consolas) has no braille, indicatif's default spinner.
            let style = if cfg!(windows) {
                style.tick_chars("|/-\\ ")
            } else {
                style
            };
            bar.set_style(style);
        }
        let done = Arc::new(AtomicBool::new(false));
        let (b, d) = (bar.clone(), done.clone());
        std::thread::spawn(move || {
            for _ in 0..10 {
                std::thread::sleep(Duration::from_millis(100));
                if d.load(Ordering::Relaxed) {
                    return;
                }
            }
            b.set_draw_target(ProgressDrawTarget::stderr());
            b.enable_steady_tick(Duration::from_millis(120));
        });
        Progress { bar, done }
    }

    pub fn stage(&self, msg: impl Into<String>) {
        self.bar.set_message(msg.into());
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        self.bar.finish_and_clear();
    }
}

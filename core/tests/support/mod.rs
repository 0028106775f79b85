//! Shared by the crash tests: the output of a child process that will be killed, read while
//! it runs so a full pipe never holds it up.

use std::io::{BufRead, BufReader, Read};
use std::process::Child;
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;
use std::time::Instant;

pub struct Output {
    /// Each complete line as it comes, with when it came.
    pub lines: Receiver<(String, Instant)>,
    out: JoinHandle<Vec<String>>,
    err: JoinHandle<std::io::Result<Vec<u8>>>,
}

/// Starts reading the stdout and stderr of `child`, which were piped.
pub fn watch(child: &mut Child) -> Output {
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let (tx, lines) = mpsc::channel();
    let out = std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let (mut all, mut bytes) = (Vec::new(), Vec::new());
        // A line without its newline was cut short by the kill and says nothing.
        while reader
            .read_until(b'\n', &mut bytes)
            .is_ok_and(|_| bytes.ends_with(b"\n"))
        {
            let line = String::from_utf8_lossy(&bytes[..bytes.len() - 1]).into_owned();
            let _ = tx.send((line.clone(), Instant::now()));
            all.push(line);
            bytes.clear();
        }
        all
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        stderr.read_to_end(&mut bytes).map(|_| bytes)
    });
    Output { lines, out, err }
}

impl Output {
    /// Once the child has ended: its complete stdout lines and its stderr.
    pub fn finish(self) -> (Vec<String>, Vec<u8>) {
        let lines = self.out.join().expect("the stdout reader ends");
        let err = self
            .err
            .join()
            .expect("the stderr reader ends")
            .expect("stderr can be read");
        (lines, err)
    }
}

//! [`StreamWriter`]: the `io::Write` end of a pipe, handed to a blocking writer function.

use std::io;

use super::pipe::{Closed, Pipe};

/// The writing end of [`StreamingResponse::blocking_writer`](super::StreamingResponse::blocking_writer): an [`io::Write`] whose every
/// write is one item of the stream (see there).
///
/// ```
/// use std::io::Write;
/// use response_model::responses::{StreamWriter, StreamingResponse};
///
/// let res = StreamingResponse::blocking_writer(|out: &mut StreamWriter| {
///     for word in ["This ", "is ", "streamed"] {
///         out.write_all(word.as_bytes())?;
///     }
///     Ok(())
/// });
/// ```
pub struct StreamWriter<'a> {
    pub(super) pipe: &'a Pipe,
}

impl std::fmt::Debug for StreamWriter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamWriter").finish_non_exhaustive()
    }
}

impl StreamWriter<'_> {
    pub(super) fn is_closed(&self) -> bool {
        self.pipe.lock().closed
    }
}

fn client_gone() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the client went away")
}

impl io::Write for StreamWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pipe.push(buf).map_err(|Closed| client_gone())?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.write(buf).map(drop)
    }

    /// One `write!`/`writeln!` is one item, however many pieces it formats.
    fn write_fmt(&mut self, args: std::fmt::Arguments<'_>) -> io::Result<()> {
        if let Some(s) = args.as_str() {
            return self.write_all(s.as_bytes());
        }
        match self.pipe.push_fmt(args) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(std::fmt::Error)) => Err(io::Error::other("formatter error")),
            Err(Closed) => Err(client_gone()),
        }
    }

    /// Nothing is held back: every write is already the body's.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

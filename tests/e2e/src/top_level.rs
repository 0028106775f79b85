//! A process's top-level window on the X display, as a window manager sees it: found by the
//! process id it carries (`_NET_WM_PID`), asked to close as a title bar's close button asks
//! (`WM_DELETE_WINDOW`), and whether it is shown.

use x11_dl::xlib::{self, Xlib};

use crate::Result;

/// A top-level window shown on the display when it was found. Holds its own connection.
pub struct TopLevel {
    xlib: Xlib,
    display: *mut xlib::Display,
    window: xlib::Window,
}

// The connection is used by one thread at a time: the one holding the `TopLevel`.
#[allow(unsafe_code)]
// SAFETY: Xlib's display is only reached through `&self`/`&mut self` and never shared; moving
// it to another thread between calls is what Xlib allows without XInitThreads.
unsafe impl Send for TopLevel {}

/// libX11 and a connection of its own to the display in `$DISPLAY`; the caller closes it.
pub(crate) fn open_display() -> std::result::Result<(Xlib, *mut xlib::Display), String> {
    let xlib = Xlib::open().map_err(|e| format!("libX11 could not be loaded: {e}"))?;
    #[allow(unsafe_code)]
    // SAFETY: XOpenDisplay with a null name reads $DISPLAY; its result is checked before use.
    let display = unsafe { (xlib.XOpenDisplay)(std::ptr::null()) };
    if display.is_null() {
        return Err("the X display could not be opened".into());
    }
    Ok((xlib, display))
}

impl TopLevel {
    /// The window process `pid` shows on `$DISPLAY`, if it shows one now.
    pub fn shown_by(pid: u32) -> Result<Option<TopLevel>> {
        let (xlib, display) = open_display()?;
        #[allow(unsafe_code)]
        // SAFETY: the display is open and closed by Drop (or here when nothing is found);
        // XQueryTree's list and each property's data are freed with XFree after reading, and
        // read within the lengths the server gave.
        unsafe {
            // A window gone since it was found is an error reply; Xlib's own handler would end
            // the test's process for it, where a failed call is what it means here.
            (xlib.XSetErrorHandler)(Some(error_is_a_failed_call));
            let root = (xlib.XDefaultRootWindow)(display);
            let pid_atom = (xlib.XInternAtom)(display, c"_NET_WM_PID".as_ptr(), xlib::False);
            let (mut root_back, mut parent) = (0, 0);
            let mut children: *mut xlib::Window = std::ptr::null_mut();
            let mut count = 0u32;
            let mut found = None;
            if (xlib.XQueryTree)(
                display,
                root,
                &mut root_back,
                &mut parent,
                &mut children,
                &mut count,
            ) != 0
                && !children.is_null()
            {
                for &window in std::slice::from_raw_parts(children, count as usize) {
                    let mut kind = 0;
                    let mut format = 0;
                    let (mut items, mut after) = (0, 0);
                    let mut data: *mut u8 = std::ptr::null_mut();
                    let read = (xlib.XGetWindowProperty)(
                        display,
                        window,
                        pid_atom,
                        0,
                        1,
                        xlib::False,
                        xlib::XA_CARDINAL,
                        &mut kind,
                        &mut format,
                        &mut items,
                        &mut after,
                        &mut data,
                    );
                    let owner = (read == 0 && format == 32 && items == 1 && !data.is_null())
                        .then(|| *(data as *const std::os::raw::c_ulong) as u32);
                    if !data.is_null() {
                        (xlib.XFree)(data.cast());
                    }
                    if owner == Some(pid) && is_viewable(&xlib, display, window) {
                        found = Some(window);
                        break;
                    }
                }
                (xlib.XFree)(children.cast());
            }
            match found {
                Some(window) => Ok(Some(TopLevel {
                    xlib,
                    display,
                    window,
                })),
                None => {
                    (xlib.XCloseDisplay)(display);
                    Ok(None)
                }
            }
        }
    }

    /// Asks the window to close, as a window manager's close button does.
    pub fn ask_to_close(&self) {
        #[allow(unsafe_code)]
        // SAFETY: the display is open (see `shown_by`); the event is a plain C struct whose
        // client-message fields are all set before it is sent.
        unsafe {
            let xlib = &self.xlib;
            let protocols = (xlib.XInternAtom)(self.display, c"WM_PROTOCOLS".as_ptr(), xlib::False);
            let delete =
                (xlib.XInternAtom)(self.display, c"WM_DELETE_WINDOW".as_ptr(), xlib::False);
            let mut message: xlib::XClientMessageEvent = std::mem::zeroed();
            message.type_ = xlib::ClientMessage;
            message.window = self.window;
            message.message_type = protocols;
            message.format = 32;
            message.data.set_long(0, delete as std::os::raw::c_long);
            message
                .data
                .set_long(1, xlib::CurrentTime as std::os::raw::c_long);
            let mut event = xlib::XEvent::from(message);
            (xlib.XSendEvent)(
                self.display,
                self.window,
                xlib::False,
                xlib::NoEventMask,
                &mut event,
            );
            (xlib.XSync)(self.display, xlib::False);
        }
    }

    /// Whether the window is shown: mapped, and so are the windows it is in.
    pub fn is_shown(&self) -> bool {
        is_viewable(&self.xlib, self.display, self.window)
    }
}

/// Xlib's error handler while a `TopLevel` is used: the call that met the error returns its
/// failure, and nothing else happens.
#[allow(unsafe_code)]
unsafe extern "C" fn error_is_a_failed_call(
    _display: *mut xlib::Display,
    _error: *mut xlib::XErrorEvent,
) -> std::os::raw::c_int {
    0
}

#[allow(unsafe_code)]
fn is_viewable(xlib: &Xlib, display: *mut xlib::Display, window: xlib::Window) -> bool {
    // SAFETY: `display` is open; the attributes struct is filled by the server's reply, and a
    // window gone since (a BadWindow error) leaves the call failing, read as not shown.
    unsafe {
        let mut attributes: xlib::XWindowAttributes = std::mem::zeroed();
        (xlib.XGetWindowAttributes)(display, window, &mut attributes) != 0
            && attributes.map_state == xlib::IsViewable
    }
}

impl Drop for TopLevel {
    fn drop(&mut self) {
        #[allow(unsafe_code)]
        // SAFETY: opened in `shown_by`, closed once, here.
        unsafe {
            (self.xlib.XCloseDisplay)(self.display);
        }
    }
}

//! The listening socket: a listener that stops accepting when told to (so a draining node
//! refuses new connections at once), and the peer address each connection carries.

use std::net::SocketAddr;

/// The address a connection came from (what `ConnectInfo` carries).
#[derive(Clone, Copy, Debug)]
pub struct Peer(pub SocketAddr);

impl<L> axum::extract::connect_info::Connected<axum::serve::IncomingStream<'_, Stoppable<L>>>
    for Peer
where
    L: axum::serve::Listener<Addr = SocketAddr>,
{
    fn connect_info(stream: axum::serve::IncomingStream<'_, Stoppable<L>>) -> Self {
        Peer(*stream.remote_addr())
    }
}

/// A listener that closes its socket when told to, while the server goes on serving the
/// connections it has: new connections are refused from then on, rather than accepted by the
/// kernel into a backlog nobody will read.
pub struct Stoppable<L> {
    inner: Option<L>,
    stop: tokio::sync::watch::Receiver<bool>,
}

impl<L> Stoppable<L> {
    /// Accepts on `listener` until `stop` turns true.
    pub fn new(listener: L, stop: tokio::sync::watch::Receiver<bool>) -> Stoppable<L> {
        Stoppable {
            inner: Some(listener),
            stop,
        }
    }
}

impl<L: axum::serve::Listener> axum::serve::Listener for Stoppable<L> {
    type Io = L::Io;
    type Addr = L::Addr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            if *self.stop.borrow() {
                // Dropping the listener closes the socket.
                self.inner = None;
            }
            let Some(inner) = self.inner.as_mut() else {
                return std::future::pending().await;
            };
            tokio::select! {
                accepted = inner.accept() => return accepted,
                changed = self.stop.changed() => {
                    if changed.is_err() {
                        // The sender is gone: stop accepting too.
                        self.inner = None;
                    }
                }
            }
        }
    }

    fn local_addr(&self) -> std::io::Result<Self::Addr> {
        match &self.inner {
            Some(inner) => inner.local_addr(),
            None => Err(std::io::Error::other("no longer listening")),
        }
    }
}

//! A hand-written HTTP/1.1 server on loopback, for what a mock server cannot do: send a body
//! slowly, in steps the test controls, or stop in the middle of it.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Accepts one connection on a fresh port and hands it, its request read, to `serve`.
pub async fn serve_once<F, Fut>(serve: F) -> String
where
    F: FnOnce(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        read_request(&mut socket).await;
        serve(socket).await;
    });
    format!("http://{address}")
}

/// Accepts `count` connections on a fresh port, one after the other, and hands each, its request
/// read, to `serve` with its index.
pub async fn serve_in_turn<F, Fut>(count: usize, serve: F) -> String
where
    F: Fn(usize, TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        for index in 0..count {
            let (mut socket, _) = listener.accept().await.unwrap();
            read_request(&mut socket).await;
            serve(index, socket).await;
        }
    });
    format!("http://{address}")
}

/// Reads the request's head and its `Content-Length` body.
async fn read_request(socket: &mut TcpStream) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await.unwrap() == 0 {
            return;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let length = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .map_or(0, |value| value.trim().parse::<usize>().unwrap());
    let mut body = vec![0u8; length];
    socket.read_exact(&mut body).await.unwrap();
}

/// Writes a response head with chunked transfer coding.
pub async fn chunked_head(socket: &mut TcpStream, status: u16, content_type: &str) {
    let head = format!(
        "HTTP/1.1 {status} OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n"
    );
    socket.write_all(head.as_bytes()).await.unwrap();
}

/// Writes one chunk and flushes it.
pub async fn chunk(socket: &mut TcpStream, data: &[u8]) {
    socket
        .write_all(format!("{:x}\r\n", data.len()).as_bytes())
        .await
        .unwrap();
    socket.write_all(data).await.unwrap();
    socket.write_all(b"\r\n").await.unwrap();
    socket.flush().await.unwrap();
}

/// Ends a chunked body.
pub async fn last_chunk(socket: &mut TcpStream) {
    socket.write_all(b"0\r\n\r\n").await.unwrap();
    socket.flush().await.unwrap();
}

package io.vigil.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deliberately naive WebSocket client over a plain socket, so that a test can send what no real
 * client library would: text frames that are not UTF-8, STOMP frames split anywhere, thousands of
 * tiny messages, or nothing at all. It collects the server's messages (each STOMP frame as text)
 * and the close: the status code of the server's close frame, or -1 when the TCP connection ended
 * without one.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final String handshakeStatus;

    private RawWebSocket(Socket socket, String handshakeStatus) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
        this.handshakeStatus = handshakeStatus;
        Thread reader = new Thread(this::readLoop, "raw-ws-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code ws://127.0.0.1:<port><path>} with STOMP 1.2 as subprotocol. */
    public static RawWebSocket open(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(0);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Origin: http://127.0.0.1:" + port + "\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Protocol: v12.stomp\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String head = readHead(socket.getInputStream());
        String status = head.lines().findFirst().orElse("");
        if (!status.contains(" 101 ")) {
            socket.close();
            throw new IOException("WebSocket handshake refused: " + head);
        }
        return new RawWebSocket(socket, status);
    }

    /** Sends raw bytes to a port (an HTTP request, garbage) and returns what came back until close. */
    public static String exchangeRaw(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    public String handshakeStatus() {
        return handshakeStatus;
    }

    /** A text message (the bytes are sent as they are, valid UTF-8 or not). */
    public void sendText(byte[] payload) throws IOException {
        send(0x1, payload);
    }

    public void sendText(String payload) throws IOException {
        sendText(payload.getBytes(StandardCharsets.UTF_8));
    }

    public void sendBinary(byte[] payload) throws IOException {
        send(0x2, payload);
    }

    /** Sends only the first {@code bytes} of a text message's WebSocket frame, then nothing. */
    public void sendTruncatedFrame(byte[] payload, int bytes) throws IOException {
        byte[] frame = frame(0x1, payload);
        synchronized (out) {
            out.write(frame, 0, Math.min(bytes, frame.length));
            out.flush();
        }
    }

    private void send(int opcode, byte[] payload) throws IOException {
        byte[] frame = frame(opcode, payload);
        synchronized (out) {
            out.write(frame);
            out.flush();
        }
    }

    private static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            frame.write(0x80 | n);
        } else if (n < 65536) {
            frame.write(0x80 | 126);
            frame.write(n >>> 8);
            frame.write(n);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) n >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        frame.writeBytes(masked);
        return frame.toByteArray();
    }

    private void readLoop() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    closed.complete(code);
                    return;
                }
                if (opcode == 0x9 || opcode == 0xA) {
                    continue; // ping/pong: not part of the conversation under test
                }
                message.writeBytes(payload);
                if ((first & 0x80) != 0) {
                    received.add(message.toString(StandardCharsets.UTF_8));
                    message.reset();
                }
            }
        } catch (IOException | RuntimeException e) {
            closed.complete(-1);
        }
    }

    /** Every server message so far (STOMP frames, heart-beats), as text. */
    public List<String> received() {
        return received;
    }

    /** Completes with the close status (or -1 for a TCP close without a WebSocket close frame). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    /** The first ERROR frame's {@code message} header, if one arrived. */
    public String errorMessage() {
        for (String frame : received) {
            if (frame.startsWith("ERROR")) {
                return frame.lines()
                        .filter(line -> line.startsWith("message:"))
                        .map(line -> line.substring("message:".length()))
                        .findFirst()
                        .orElse("(ERROR without message header)");
            }
        }
        return null;
    }

    public boolean hasFrame(String command) {
        return received.stream().anyMatch(frame -> frame.startsWith(command + "\n"));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}

package net.taler.common.secmod.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;

/**
 * Requests to a helper and the decoding of their replies: single requests, batches (split
 * into messages the helper accepts) and requests without reply. Each exchange owns a pooled
 * connection until its replies are in, so replies match requests; a broken connection is
 * replaced and the exchange retried (signing and revocation are idempotent). "Helper
 * unavailable" is a {@link SecmodUnavailableException}; a refusal of one request is a failed
 * {@link SecmodResult}. Thread safe.
 */
final class SecmodRequests {
    private static final int ATTEMPTS = 3;

    /** Decodes a reply body. */
    @FunctionalInterface
    interface Decoder<T> {
        T decode(Frame f) throws ProtocolException;
    }

    private final Path socket;
    private final ConnectionPool pool;
    private final PushTypes pushes;
    private final Duration requestTimeout;
    private final TalerErrorCode unavailableCode;
    private final TalerErrorCode bugCode;

    SecmodRequests(Path socket, ConnectionPool pool, PushTypes pushes, Duration requestTimeout,
            TalerErrorCode unavailableCode, TalerErrorCode bugCode) {
        this.socket = socket;
        this.pool = pool;
        this.pushes = pushes;
        this.requestTimeout = requestTimeout;
        this.unavailableCode = unavailableCode;
        this.bugCode = bugCode;
    }

    /** One request/reply exchange on a connection owned for its duration. */
    private interface Exchange<T> {
        T run(Session s) throws IOException;
    }

    /** A borrowed connection with the exchange's deadline. */
    private final class Session {
        private final FramedChannel ch;
        private final long deadline = System.nanoTime() + requestTimeout.toNanos();

        Session(FramedChannel ch) {
            this.ch = ch;
        }

        void send(byte[] message) throws IOException {
            ch.send(message);
        }

        /** The next reply (pushed AVAIL/PURGE/SYNCED are skipped), flushing first. */
        Frame reply() throws IOException {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ReplyTimeoutException();
                }
                Frame f = ch.receive(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (f != null && !pushes.isPush(f.type())) {
                    return f;
                }
            }
        }
    }

    /** A single request answered by one reply: the success type or the failure type. */
    <T> SecmodResult<T> single(byte[] request, int okType, Decoder<T> decoder, int failureType)
            throws SecmodUnavailableException {
        return call(s -> {
            s.send(request);
            return decodeReply(s.reply(), okType, decoder, failureType);
        });
    }

    /** Sends a request that has no reply. */
    void noReply(byte[] request) throws SecmodUnavailableException {
        call(s -> {
            s.send(request);
            return Boolean.TRUE;
        });
    }

    /**
     * A batch: the requests are split into messages of at most {@link Messages#MAX_BATCH}
     * entries and 64 KiB, each answered in order; a batch failure fails the rest of its part.
     */
    <R, T> List<SecmodResult<T>> batch(List<R> requests, Function<R, byte[]> encodeSub, int batchType, int okType,
            Decoder<T> decoder, int failureType, int batchFailureType) throws SecmodUnavailableException {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<byte[]> subs = new ArrayList<>(requests.size());
        for (R r : requests) {
            subs.add(encodeSub.apply(r));
        }
        return call(s -> {
            List<SecmodResult<T>> out = new ArrayList<>(subs.size());
            int from = 0;
            while (from < subs.size()) {
                int end = Messages.batchEnd(from, subs.size(), i -> subs.get(i).length);
                s.send(Messages.batch(batchType, subs.subList(from, end)));
                for (int i = from; i < end; i++) {
                    Frame f = s.reply();
                    if (f.type() == batchFailureType) {
                        int ec = Messages.parseFailure(f);
                        for (; i < end; i++) {
                            out.add(SecmodResult.failure(ec));
                        }
                        break;
                    }
                    out.add(decodeReply(f, okType, decoder, failureType));
                }
                from = end;
            }
            return out;
        });
    }

    static <T> SecmodResult<T> decodeReply(Frame f, int okType, Decoder<T> decoder, int failureType)
            throws ProtocolException {
        if (f.type() == okType) {
            return SecmodResult.ok(decoder.decode(f));
        }
        if (f.type() == failureType) {
            return SecmodResult.failure(Messages.parseFailure(f));
        }
        throw new ProtocolException("unexpected reply type " + f.type());
    }

    /** Runs an exchange on a pooled connection, retrying on a fresh one if the connection breaks. */
    private <T> T call(Exchange<T> exchange) throws SecmodUnavailableException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FramedChannel ch;
            try {
                ch = pool.borrow();
            } catch (IOException e) { // also a full pool: counts as an attempt
                last = e;
                continue;
            }
            boolean reusable = false;
            try {
                T result = exchange.run(new Session(ch));
                ch.flush();
                reusable = true;
                return result;
            } catch (ProtocolException e) {
                throw unavailable("security module at " + socket + " violated the protocol: " + e.getMessage(), e,
                        true);
            } catch (ReplyTimeoutException e) {
                throw unavailable("security module at " + socket + " did not answer in time", e, false);
            } catch (IOException e) {
                last = e;
            } finally {
                pool.giveBack(ch, reusable);
            }
        }
        throw unavailable("security module at " + socket + " is not available: " + last, last, false);
    }

    SecmodUnavailableException unavailable(String message, Throwable cause, boolean bug) {
        return new SecmodUnavailableException(message, cause, bug ? bugCode : unavailableCode, bug);
    }
}

package net.taler.secmod.server;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.MessageReader;
import net.taler.common.secmod.MessageSink;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;

/**
 * Batch requests of the RSA and CS helpers (secmod.md 5.4): {@code u32 count} followed by
 * that many complete sub-requests. The jobs run on the worker pool and are answered in
 * request order; if the sub-requests are truncated or malformed, the well-formed prefix is
 * answered and then the batch failure message is sent. More than {@link Messages#MAX_BATCH}
 * entries is a protocol violation (connection dropped).
 */
public final class Batches {
    private static final Logger LOG = Logger.getLogger(Batches.class.getName());

    private Batches() {
    }

    /** Decodes one sub-request. */
    @FunctionalInterface
    public interface Parser<R> {
        R parse(Frame sub) throws ProtocolException;
    }

    /**
     * @param subType the message type every sub-request must have
     * @param parser decodes a sub-request (a failure ends the well-formed prefix)
     * @param answer computes the reply message of one sub-request (runs on a worker)
     * @param itemFailure the per-item failure reply for an error code (used if {@code answer} throws)
     * @param batchFailure the message sent after the prefix when the batch was malformed
     */
    public static <R> void run(Frame batch, int subType, Parser<R> parser, Function<R, byte[]> answer,
            IntFunction<byte[]> itemFailure, byte[] batchFailure, ExecutorService workers, MessageSink out)
            throws IOException {
        MessageReader r = batch.body();
        long count = r.u32();
        if (count > Messages.MAX_BATCH) {
            throw new ProtocolException("batch of " + count + " entries exceeds " + Messages.MAX_BATCH);
        }
        byte[] rest = r.rest();
        List<R> jobs = new ArrayList<>((int) count);
        boolean malformed = false;
        int off = 0;
        while (jobs.size() < count) {
            if (rest.length - off < Frame.HEADER_SIZE) {
                malformed = true;
                break;
            }
            int size = ((rest[off] & 0xff) << 8) | (rest[off + 1] & 0xff);
            if (size < Frame.HEADER_SIZE || size > rest.length - off) {
                malformed = true;
                break;
            }
            Frame sub = Frame.of(Arrays.copyOfRange(rest, off, off + size));
            if (sub.type() != subType) {
                malformed = true;
                break;
            }
            try {
                jobs.add(parser.parse(sub));
            } catch (ProtocolException e) {
                malformed = true;
                break;
            }
            off += size;
        }
        if (!malformed && off != rest.length) {
            malformed = true;
        }
        if (malformed) {
            LOG.warning("malformed batch request: answering the first " + jobs.size() + " of " + count + " entries");
        }
        if (jobs.size() <= 1 || workers == null) {
            for (R job : jobs) {
                out.send(safeAnswer(answer, job, itemFailure));
            }
        } else {
            List<Future<byte[]>> futures = new ArrayList<>(jobs.size());
            for (R job : jobs) {
                futures.add(workers.submit(() -> safeAnswer(answer, job, itemFailure)));
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.send(futures.get(i).get());
                } catch (InterruptedException e) {
                    for (Future<byte[]> f : futures) {
                        f.cancel(true);
                    }
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while signing");
                } catch (ExecutionException e) {
                    LOG.log(Level.SEVERE, "batch job failed", e.getCause());
                    out.send(itemFailure.apply(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code()));
                }
            }
        }
        if (malformed) {
            out.send(batchFailure);
        }
    }

    private static <R> byte[] safeAnswer(Function<R, byte[]> answer, R job, IntFunction<byte[]> itemFailure) {
        try {
            return answer.apply(job);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "signing job failed", e);
            return itemFailure.apply(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code());
        }
    }
}

package net.taler.common.bank;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into memory up to a limit; a longer body (announced by
 * Content-Length or actually sent) fails with {@link TooLarge} and the stream is cancelled, so a
 * misbehaving bank cannot make us buffer without bound.
 */
final class LimitedBody {
    private LimitedBody() {
    }

    /** The body exceeded the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("reply body exceeds " + limit + " bytes");
        }
    }

    static HttpResponse.BodyHandler<byte[]> handler(int limit) {
        return info -> {
            long announced = info.headers().firstValueAsLong("content-length").orElse(-1L);
            return new Subscriber(limit, announced > limit);
        };
    }

    private static final class Subscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final boolean rejectAtOnce;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Subscriber(int limit, boolean rejectAtOnce) {
            this.limit = limit;
            this.rejectAtOnce = rejectAtOnce;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (rejectAtOnce) {
                s.cancel();
                result.completeExceptionally(new TooLarge(limit));
                return;
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (buf.size() + (long) b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge(limit));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buf.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buf.toByteArray());
        }
    }
}

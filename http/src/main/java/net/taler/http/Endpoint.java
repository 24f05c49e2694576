package net.taler.http;

/**
 * One handler of a route. It may throw {@link net.taler.common.error.TalerErrorException} to
 * answer with a Taler error; any other exception becomes a 500 reply and is logged.
 */
@FunctionalInterface
public interface Endpoint {
    Reply handle(Request request) throws Exception;
}

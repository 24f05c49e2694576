package net.taler.common.management;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A management POST: where it goes (relative to the exchange's base URL) and its body. */
public interface ManagementRequest {
    /** The path below the base URL, without a leading slash. */
    String path();

    /** The request body. */
    ObjectNode toJson();
}

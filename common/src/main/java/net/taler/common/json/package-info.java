/**
 * JSON for the Taler protocol: the Jackson module and preconfigured mapper
 * ({@link net.taler.common.json.TalerJson}, {@link net.taler.common.json.TalerJsonModule}),
 * canonical JSON text ({@link net.taler.common.json.CanonicalJson}) and the C exchange's JSON
 * hashes ({@link net.taler.common.json.JsonHashes}).
 */
package net.taler.common.json;

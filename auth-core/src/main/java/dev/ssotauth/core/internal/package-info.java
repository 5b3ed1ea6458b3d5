/**
 * Machinery behind {@code JwtAuthority}: strict base64url and JSON, keys, configuration resolution,
 * the deny list of published secrets. Not exported; not API.
 */
package dev.ssotauth.core.internal;

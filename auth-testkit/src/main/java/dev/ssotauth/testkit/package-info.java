/**
 * Test fixtures and assertions that prove a system's authentication is not fragmented.
 */
package dev.ssotauth.testkit;

/**
 * The runnable chat service of the README's "Try it": login over HTTP, chat over a WebSocket, agent
 * jobs on a background pool, on embedded Tomcat and one {@code JwtAuthority}, using only the library
 * modules' exported API. Start at {@link dev.ssotauth.example.ChatService}.
 */
package dev.ssotauth.example;

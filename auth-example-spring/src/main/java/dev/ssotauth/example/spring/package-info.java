/**
 * The example chat on Spring Boot with the ssot-auth starter: {@link dev.ssotauth.example.spring.ChatApplication}
 * is the entry point; {@link dev.ssotauth.example.spring.LoginController} issues and shows tokens over HTTP,
 * {@link dev.ssotauth.example.spring.ChatController} is the STOMP chat and its agent jobs.
 */
package dev.ssotauth.example.spring;

/**
 * The example chat on Spring Boot with the ssot-auth starter: {@link dev.ssotauth.example.spring.ChatApplication}
 * is the entry point; {@link dev.ssotauth.example.spring.LoginController} issues and shows tokens over HTTP.
 */
package dev.ssotauth.example.spring;

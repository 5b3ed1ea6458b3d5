package dev.ssotauth.example;

import java.util.Locale;

/** Which parts of the service a process runs ({@code --role}). */
enum Role {
    ALL,
    LOGIN,
    CHAT;

    boolean logsIn() {
        return this != CHAT;
    }

    boolean chats() {
        return this != LOGIN;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

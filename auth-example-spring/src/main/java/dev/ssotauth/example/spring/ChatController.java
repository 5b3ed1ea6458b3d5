package dev.ssotauth.example.spring;

import dev.ssotauth.core.AuthContext;
import dev.ssotauth.core.UserContext;

import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.stereotype.Controller;

/**
 * The STOMP chat. The starter's {@code JwtChannelInterceptor} has authenticated the session's
 * {@code CONNECT} before any of this runs: the {@link Principal} is the token's subject, and
 * {@link AuthContext#current()} is the session's user while a message is handled. Thread-safe.
 */
@Controller
public class ChatController implements DisposableBean {

    /** Longest chat text or agent task, in characters. */
    static final int MAX_TEXT = 1000;

    private final SimpMessagingTemplate messages;
    /** Each job runs as the user who was current when it was submitted. */
    private final ExecutorService agents = AuthContext.wrap(Executors.newFixedThreadPool(2));

    /**
     * A chat whose agents answer through {@code messages}.
     *
     * @param messages Spring's template, for the agents' answers
     */
    public ChatController(SimpMessagingTemplate messages) {
        this.messages = messages;
    }

    /**
     * {@code SEND /app/say} with a text body: broadcast to {@code /topic/chat} as
     * {@code {"from":<the verified subject>,"text":…}}; the sender's name never comes from the message.
     *
     * @param text      the text; empty or longer than {@value #MAX_TEXT} characters is dropped
     * @param principal the session's user
     * @return what every subscriber receives, or {@code null} for nothing
     */
    @MessageMapping("say")
    @SendTo("/topic/chat")
    public Map<String, String> say(@Payload String text, Principal principal) {
        return text.isBlank() || text.length() > MAX_TEXT ? null : Map.of("from", principal.getName(), "text", text);
    }

    /**
     * {@code SEND /app/agent} with a task body: runs a job on a background thread, which answers the
     * sender on {@code /user/queue/agent} with {@code {"task":…,"ranAs":<the subject the job itself
     * sees in AuthContext>}}.
     *
     * @param task      the task; empty or longer than {@value #MAX_TEXT} characters is dropped
     * @param principal the session's user, to whom the answer goes
     */
    @MessageMapping("agent")
    public void agent(@Payload String task, Principal principal) {
        if (task.isBlank() || task.length() > MAX_TEXT) {
            return;
        }
        String to = principal.getName();
        agents.execute(() -> messages.convertAndSendToUser(to, "/queue/agent", Map.of("task", task,
                "ranAs", AuthContext.current().map(UserContext::subject).orElse("nobody"))));
    }

    /** Stops the agents with the application. */
    @Override
    public void destroy() {
        agents.shutdownNow();
    }
}

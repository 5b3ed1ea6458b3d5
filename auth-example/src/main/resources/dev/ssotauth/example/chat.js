// The chat page: log in over HTTP, then chat over a WebSocket that carries the token as the
// subprotocol pair ["bearer", token] (browsers cannot set headers on a WebSocket). The token lives
// in this closure only: not in storage, not in the URL. Everything shown goes through textContent.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  let socket = null;

  function status(text) {
    $("status").textContent = text;
  }

  function show(kind, from, text) {
    const item = document.createElement("li");
    item.className = kind;
    if (from !== null) {
      const who = document.createElement("span");
      who.className = "from";
      who.textContent = from;
      item.appendChild(who);
      item.appendChild(document.createTextNode(": " + text));
    } else {
      item.textContent = text;
    }
    $("log").appendChild(item);
  }

  function chatting(on) {
    $("message").disabled = !on;
    $("send").disabled = !on;
  }

  $("login-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (socket !== null) {
      socket.close(1000);
      socket = null;
    }
    chatting(false);
    let response;
    try {
      response = await fetch("/login", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: $("username").value, password: $("password").value }),
      });
    } catch (e) {
      status("Login failed: the server cannot be reached.");
      return;
    }
    if (!response.ok) {
      // A failed login opens nothing.
      status(response.status === 401 ? "Login failed: wrong user name or password." : "Login failed (HTTP " + response.status + ").");
      return;
    }
    const body = await response.json();
    $("password").value = "";
    connect(body.access_token);
  });

  function connect(token) {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/chat";
    status("Connecting...");
    const ws = new WebSocket(url, ["bearer", token]);
    socket = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: "whoami" }));
      chatting(true);
      $("message").focus();
    };
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      switch (message.type) {
        case "said":
          show("said", message.from, message.text);
          break;
        case "whoami":
          status("Connected as " + message.subject + " (roles: " + message.roles.join(", ") + ").");
          break;
        case "agent-done":
          show("system", null, "agent job '" + message.task + "' done, running as " + message.subject);
          break;
        case "error":
          show("error", null, "error: " + message.message);
          break;
      }
    };
    ws.onclose = (event) => {
      if (socket === ws) {
        socket = null;
        chatting(false);
        status(event.code === 1008
          ? "Disconnected: the token expired or was refused. Log in again."
          : "Disconnected (" + event.code + ").");
      }
    };
  }

  $("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = $("message").value.trim();
    if (socket === null || socket.readyState !== WebSocket.OPEN || text === "") {
      return;
    }
    if (text === "/whoami") {
      socket.send(JSON.stringify({ type: "whoami" }));
    } else if (text.startsWith("/agent ")) {
      socket.send(JSON.stringify({ type: "agent", task: text.substring(7) }));
    } else {
      socket.send(JSON.stringify({ type: "say", text: text }));
    }
    $("message").value = "";
  });
})();

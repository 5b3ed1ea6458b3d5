package dev.ssotauth.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The user that code running on the current thread acts for. Adapters set it for the extent of a
 * request or a WebSocket message; background ("agent") work gets the submitter's user through
 * {@link #wrap(Executor)}; code anywhere below reads it with {@link #current()} or {@link #require()}.
 *
 * <pre>{@code
 * AuthContext.runAs(user, () -> chat.post(message));          // current() is user inside, restored after
 *
 * ExecutorService agents = AuthContext.wrap(Executors.newFixedThreadPool(4));
 * AuthContext.runAs(user, () -> agents.submit(job));           // the job runs as user on a pool thread
 * }</pre>
 *
 * <p><b>Why a user cannot leak into another user's work.</b> The current user lives in one
 * {@code static final ThreadLocal}, the only static state here. It is confined to its thread, and
 * nothing sets it except {@code runAs}, {@code callAs} and the wrappers, each of which restores the
 * thread's previous value in {@code finally} before returning or throwing, so when a pooled thread
 * is handed to the next task it holds exactly what it held before the previous one. A wrapped task
 * runs with the user captured when it was <em>submitted</em> — or with no user when the submitter
 * had none — never with whatever the pool thread last held. There is no public setter and no
 * inheritance into child threads ({@link InheritableThreadLocal} is deliberately not used).
 *
 * <p>Thread-safe: every method touches only the calling thread's value. All methods reject
 * {@code null} arguments with a {@link NullPointerException}.
 */
public final class AuthContext {

    /** The user of the code running on each thread; only set by the scoped methods of this class. */
    private static final ThreadLocal<UserContext> CURRENT = new ThreadLocal<>();

    private AuthContext() {
    }

    /**
     * The user the code on this thread acts for.
     *
     * @return the user, or empty outside {@code runAs} / {@code callAs} / a wrapped task with a user
     */
    public static Optional<UserContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /**
     * The user the code on this thread acts for, for code that must not run without one.
     *
     * @return the user, never {@code null}
     * @throws IllegalStateException when no user is set on this thread
     */
    public static UserContext require() {
        UserContext user = CURRENT.get();
        if (user == null) {
            throw new IllegalStateException("no authenticated user on this thread; run the code with "
                    + "AuthContext.runAs or through an executor from AuthContext.wrap");
        }
        return user;
    }

    /**
     * Runs {@code action} on this thread as {@code user}, then restores what was set before (also when
     * {@code action} throws). Calls nest: the innermost user is current.
     *
     * @param user   the user to act for
     * @param action the code to run
     * @throws NullPointerException if {@code user} or {@code action} is {@code null}
     * @throws RuntimeException     whatever {@code action} throws, unchanged
     */
    public static void runAs(UserContext user, Runnable action) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        UserContext previous = CURRENT.get();
        CURRENT.set(user);
        try {
            action.run();
        } finally {
            set(previous);
        }
    }

    /**
     * Calls {@code action} on this thread as {@code user} and returns its result, then restores what
     * was set before (also when {@code action} throws). Calls nest: the innermost user is current.
     *
     * @param <T>    the result type
     * @param user   the user to act for
     * @param action the code to call
     * @return what {@code action} returned; may be {@code null} if it did
     * @throws NullPointerException if {@code user} or {@code action} is {@code null}
     * @throws Exception            whatever {@code action} throws, unchanged
     */
    public static <T> T callAs(UserContext user, Callable<T> action) throws Exception {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(action, "action");
        UserContext previous = CURRENT.get();
        CURRENT.set(user);
        try {
            return action.call();
        } finally {
            set(previous);
        }
    }

    /** Captures the user current now (or that there is none) for a task that runs later. */
    private static Runnable captureRunnable(Runnable task) {
        Objects.requireNonNull(task, "task");
        UserContext captured = CURRENT.get();
        return () -> {
            UserContext previous = CURRENT.get();
            set(captured);
            try {
                task.run();
            } finally {
                set(previous);
            }
        };
    }

    private static <T> Callable<T> captureCallable(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        UserContext captured = CURRENT.get();
        return () -> {
            UserContext previous = CURRENT.get();
            set(captured);
            try {
                return task.call();
            } finally {
                set(previous);
            }
        };
    }

    /**
     * An executor that runs each task with the user that was current on the submitting thread when
     * the task was submitted (or with none, if none was), whatever its pool thread held before.
     *
     * @param executor the executor that runs the tasks
     * @return the propagating executor; thread-safe if {@code executor} is
     * @throws NullPointerException if {@code executor} is {@code null}
     */
    public static Executor wrap(Executor executor) {
        Objects.requireNonNull(executor, "executor");
        return task -> executor.execute(captureRunnable(task));
    }

    /**
     * Like {@link #wrap(Executor)} for an {@link ExecutorService}: every task given to
     * {@code execute}, {@code submit}, {@code invokeAll} and {@code invokeAny} runs with the
     * submitter's user; shutdown and termination are delegated unchanged.
     *
     * @param executor the executor service that runs the tasks
     * @return the propagating executor service; thread-safe if {@code executor} is
     * @throws NullPointerException if {@code executor} is {@code null}
     */
    public static ExecutorService wrap(ExecutorService executor) {
        Objects.requireNonNull(executor, "executor");
        return new PropagatingExecutorService(executor);
    }

    private static void set(UserContext user) {
        if (user == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(user);
        }
    }

    /** Wraps every task at submission; owns no state besides the delegate. */
    private static final class PropagatingExecutorService implements ExecutorService {
        private final ExecutorService delegate;

        PropagatingExecutorService(ExecutorService delegate) {
            this.delegate = delegate;
        }

        private static <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
            List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
            for (Callable<T> task : tasks) {
                wrapped.add(captureCallable(task));
            }
            return wrapped;
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(captureRunnable(command));
        }

        @Override
        public Future<?> submit(Runnable task) {
            return delegate.submit(captureRunnable(task));
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return delegate.submit(captureRunnable(task), result);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return delegate.submit(captureCallable(task));
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return delegate.invokeAll(wrapAll(tasks));
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return delegate.invokeAll(wrapAll(tasks), timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return delegate.invokeAny(wrapAll(tasks));
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return delegate.invokeAny(wrapAll(tasks), timeout, unit);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }
    }
}

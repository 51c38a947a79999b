package io.ferrite.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method whose body may call {@code io.ferrite.Await.await(...)}; Ferrite's build-time
 * transformer rewrites it into a lazy, poll-based state machine.
 *
 * <p>The method must declare {@code io.ferrite.Future<T>} as its return type. Each {@code return}
 * is either {@code return Future.ready(value)} or {@code return someOtherFuture}. Calling the
 * method only evaluates its arguments and returns a future: no line of the body runs until the
 * future is first polled, as with a Rust {@code async fn}.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * import io.ferrite.Future;
 * import io.ferrite.annotations.Async;
 * import static io.ferrite.Await.await;
 *
 * class Orders {
 *     @Async
 *     Future<Receipt> checkout(Cart cart) {
 *         Price price = await(pricing.quote(cart));
 *         return Future.ready(new Receipt(price));
 *     }
 * }
 * }</pre>
 *
 * <p>The annotation is kept in the class file ({@link RetentionPolicy#CLASS}) so that the
 * transformer finds it, and is invisible to reflection. Without the transformation (the
 * {@code ferrite-maven-plugin} or the {@code -javaagent}), {@code await} throws
 * {@code IllegalStateException} at run time instead of blocking.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Async {
}

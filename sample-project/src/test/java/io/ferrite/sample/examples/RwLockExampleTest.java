package io.ferrite.sample.examples;

import static io.ferrite.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ferrite.Future;
import io.ferrite.annotations.Async;
import io.ferrite.sync.RwLock;
import io.ferrite.time.Time;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The example of {@link RwLock}. */
class RwLockExampleTest {

    record Config(int port) {
        static Config defaults() {
            return new Config(8080);
        }
    }

    @Async
    Future<Config> loadConfig() {
        await(Time.sleep(Duration.ofMillis(20)));
        return Future.ready(new Config(9090));
    }

    // --- the class example ---

    RwLock<Config> config = new RwLock<>(Config.defaults());

    @Async
    Future<Integer> port() {
        try (RwLock.ReadGuard<Config> cfg = await(config.read())) {
            return Future.ready(cfg.get().port());
        }
    }

    @Async
    Future<Void> reload() {
        Config fresh = await(loadConfig());
        try (RwLock.WriteGuard<Config> cfg = await(config.write())) {
            cfg.set(fresh);
        }
        return Future.ready(null);
    }

    // --- end of the example ---

    @Async
    Future<String> portsAroundReload() {
        int before = await(port());
        await(reload());
        int after = await(port());
        return Future.ready(before + " -> " + after);
    }

    @Test
    void port_should_read_the_reloaded_config_after_reload() {
        assertEquals("8080 -> 9090", Runtimes.blockOnVirtual(portsAroundReload()));
    }
}

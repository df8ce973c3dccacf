package org.rapport.app.support;

import java.nio.file.Path;
import org.rapport.app.demo.DemoNetwork;

/** The demo network, loaded once into the shared test database (its e-mail addresses are unique). */
public final class DemoFixture {
    private static Long network;

    private DemoFixture() {
    }

    public static synchronized long network(DemoNetwork demo) throws Exception {
        if (network == null) {
            network = demo.load(Path.of("target", "demo-test")).networkId();
        }
        return network;
    }
}

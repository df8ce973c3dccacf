package org.rapport.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import org.rapport.app.security.StaffUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A test that drives the running application through its JSON API, as staff (Basic) and respondents (codes) do. */
public abstract class ApiTest extends AppTest {
    @LocalServerPort
    protected int port;
    @Autowired
    protected Fixtures fixtures;
    @Autowired
    protected ObjectMapper json;

    protected final HttpClient http = HttpClient.newHttpClient();

    /** A request as {@code as} (null: anonymous), asserting the status; the body as JSON. */
    protected JsonNode call(String method, String path, Object body, StaffUser as, int expected) throws Exception {
        return JsonApi.expect(http, json, port, method, path, body, as, expected);
    }
}

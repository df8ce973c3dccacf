package org.rapport.app.support;

import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/** The routes the application itself declares: every request mapping, actuator and OpenAPI included. */
public final class Routes {
    private Routes() {
    }

    public record Route(String method, String pattern) implements Comparable<Route> {
        @Override
        public int compareTo(Route o) {
            return (pattern + " " + method).compareTo(o.pattern + " " + o.method);
        }
    }

    /** A mapping without a method condition is listed as GET. */
    public static TreeSet<Route> served(ApplicationContext context) {
        TreeSet<Route> routes = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                for (String pattern : info.getPatternValues()) {
                    var methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        routes.add(new Route("GET", pattern));
                    }
                    methods.forEach(m -> routes.add(new Route(m.name(), pattern)));
                }
            }
        }
        return routes;
    }
}

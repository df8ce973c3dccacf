package org.rapport.app.support;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Counts the SQL statements the application prepares, at the JDBC connection (every test context has it). */
@TestConfiguration
public class StatementCounter {
    private static final AtomicInteger statements = new AtomicInteger();
    private static final Set<String> PREPARING = Set.of("prepareStatement", "createStatement", "prepareCall");

    public static void reset() {
        statements.set(0);
    }

    public static int count() {
        return statements.get();
    }

    @Bean
    static BeanPostProcessor countStatements() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource ds ? counting(ds) : bean;
            }
        };
    }

    private static DataSource counting(DataSource ds) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (p, m, args) -> {
            Object result = call(m, ds, args);
            if (result instanceof Connection c) {
                return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (cp, cm, cargs) -> {
                    if (PREPARING.contains(cm.getName())) {
                        statements.incrementAndGet();
                    }
                    return call(cm, c, cargs);
                });
            }
            return result;
        });
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}

package io.vigil.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks an integration test class that talks to real local services; before its first test it
 * fails fast, naming each unreachable service and how to start it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresLocalServices.Check.class)
public @interface RequiresLocalServices {

    LocalService[] value();

    /** The JUnit extension behind the annotation. */
    final class Check implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) {
            RequiresLocalServices annotation =
                    context.getRequiredTestClass().getAnnotation(RequiresLocalServices.class);
            if (annotation != null) {
                LocalServices.require(annotation.value());
            }
        }
    }
}

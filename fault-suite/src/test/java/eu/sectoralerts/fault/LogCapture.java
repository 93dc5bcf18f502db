package eu.sectoralerts.fault;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of this JVM while open (a logback {@link ListAppender} on the root logger), to
 * search for what must never be logged (keys) and what must be (skipped records).
 */
public final class LogCapture implements AutoCloseable {

  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.setContext(root.getLoggerContext());
    appender.start();
    root.addAppender(appender);
  }

  /** Every event so far: formatted message, raw arguments and exception messages, one a line. */
  public String text() {
    List<ILoggingEvent> events;
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    StringBuilder out = new StringBuilder();
    for (ILoggingEvent e : events) {
      out.append(e.getLevel()).append(' ').append(e.getFormattedMessage()).append('\n');
      Object[] args = e.getArgumentArray();
      if (args != null) {
        for (Object arg : args) {
          out.append("  arg: ").append(arg).append('\n');
        }
      }
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        out.append("  ").append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
      }
    }
    return out.toString();
  }

  public int events() {
    synchronized (appender) {
      return appender.list.size();
    }
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}

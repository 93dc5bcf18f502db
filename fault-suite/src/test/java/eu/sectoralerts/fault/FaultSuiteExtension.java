package eu.sectoralerts.fault;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives fault cases the run's {@link FaultRig} and {@link FaultReport} as parameters. Both live in
 * JUnit's root store: started on first use, closed when the run ends, when the report also logs its
 * summary table.
 */
public final class FaultSuiteExtension implements ParameterResolver {

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(FaultSuiteExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
    Class<?> type = parameter.getParameter().getType();
    return type == FaultRig.class || type == FaultReport.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
    ExtensionContext.Store store = extension.getRoot().getStore(STORE);
    if (parameter.getParameter().getType() == FaultRig.class) {
      return store
          .getOrComputeIfAbsent("rig", k -> new ClosingRig(FaultRig.start()), ClosingRig.class)
          .rig();
    }
    return store
        .getOrComputeIfAbsent(
            "report",
            k ->
                new ClosingReport(
                    new FaultReport(Path.of("target", "fault-report.md"), Instant.now())),
            ClosingReport.class)
        .report();
  }

  private record ClosingRig(FaultRig rig) implements AutoCloseable {
    @Override
    public void close() {
      rig.close();
    }
  }

  private record ClosingReport(FaultReport report) implements AutoCloseable {
    /** Logs the table, then fails the run should any row have lost or duplicated anything. */
    @Override
    public void close() {
      report.finish();
      List<FaultReport.Row> bad =
          report.rows().stream().filter(r -> r.lost() != 0 || r.duplicated() != 0).toList();
      if (!bad.isEmpty()) {
        throw new AssertionError("Rows with lost or duplicated alerts: " + bad);
      }
    }
  }
}

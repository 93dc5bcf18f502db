package eu.sectoralerts.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.OptionalLong;

/**
 * Reads the CPU time and heap of the process the pipeline runs in; the bench samples it while items
 * flow. Against an external cluster the services run elsewhere: {@link #NONE}.
 */
public interface ResourceProbe {

  /** CPU time used by the pipeline's process so far, in nanoseconds, if known. */
  OptionalLong cpuNanos();

  /** Heap holding live data now (as of the last collection of each pool), in bytes, if known. */
  OptionalLong heapUsedBytes();

  /** The most heap the process may use, in bytes, if known. */
  OptionalLong heapMaxBytes();

  /** Knows nothing: the pipeline runs in other processes. */
  ResourceProbe NONE =
      new ResourceProbe() {
        @Override
        public OptionalLong cpuNanos() {
          return OptionalLong.empty();
        }

        @Override
        public OptionalLong heapUsedBytes() {
          return OptionalLong.empty();
        }

        @Override
        public OptionalLong heapMaxBytes() {
          return OptionalLong.empty();
        }
      };

  /** This JVM, where the embedded pipeline runs (the bench's own client counts too). */
  static ResourceProbe thisJvm() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return new ResourceProbe() {
      @Override
      public OptionalLong cpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
          long nanos = hotspot.getProcessCpuTime();
          return nanos < 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
        }
        return OptionalLong.empty();
      }

      @Override
      public OptionalLong heapUsedBytes() {
        // What each heap pool held after its last collection: the live data, not the garbage a
        // large heap lets pile up between collections.
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
          if (pool.getType() == MemoryType.HEAP) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            live += afterGc != null ? afterGc.getUsed() : pool.getUsage().getUsed();
          }
        }
        return OptionalLong.of(live);
      }

      @Override
      public OptionalLong heapMaxBytes() {
        long max = memory.getHeapMemoryUsage().getMax();
        return max < 0 ? OptionalLong.empty() : OptionalLong.of(max);
      }
    };
  }
}

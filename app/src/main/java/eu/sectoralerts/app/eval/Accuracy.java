package eu.sectoralerts.app.eval;

/**
 * The share of items that got a single-valued field right; 1 when there were none.
 *
 * @param correct items right
 * @param total items judged
 */
public record Accuracy(int correct, int total) {

  public static final Accuracy ZERO = new Accuracy(0, 0);

  public Accuracy {
    if (correct < 0 || total < correct) {
      throw new IllegalArgumentException(
          "need 0 <= correct <= total, got " + correct + "/" + total);
    }
  }

  /** This count plus one item, right or wrong. */
  public Accuracy plus(boolean right) {
    return new Accuracy(correct + (right ? 1 : 0), total + 1);
  }

  /** correct / total. */
  public double value() {
    return total == 0 ? 1 : (double) correct / total;
  }
}

namespace PbgdplPortal.Benchmarks.Corpus;

/// <summary>Draws items with probability proportional to 1 / (rank + offset)^exponent (Zipf–Mandelbrot).</summary>
internal sealed class Zipf<T>
{
    private readonly T[] items;
    private readonly double[] cumulative;

    public Zipf(IEnumerable<T> items, double exponent, double offset = 0)
    {
        this.items = items.ToArray();
        if (this.items.Length == 0)
        {
            throw new ArgumentException("A Zipf distribution needs at least one item.", nameof(items));
        }
        cumulative = new double[this.items.Length];
        var sum = 0.0;
        for (var rank = 1; rank <= this.items.Length; rank++)
        {
            sum += 1.0 / Math.Pow(rank + offset, exponent);
            cumulative[rank - 1] = sum;
        }
    }

    public T Next(Random random)
    {
        var u = random.NextDouble() * cumulative[^1];
        var i = Array.BinarySearch(cumulative, u);
        return items[i < 0 ? Math.Min(~i, items.Length - 1) : i];
    }
}

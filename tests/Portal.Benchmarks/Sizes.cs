namespace Portal.Benchmarks;

/// <summary>Workload sizes: the figures by default, small ones for a smoke run (--quick).</summary>
internal sealed record Sizes(
    int Writes, int WriteRuns,
    int MemoryEvents, int DatabaseEvents, int StoredEvents, int ChainRuns, int ShaMessages,
    int Models, int VersionsPerModel, int QueryIterations, int MatrixIterations,
    int FairnessRows, int FairnessRuns,
    long[] OutputBytes, int OutputRuns, int EvidenceEvents)
{
    public static readonly Sizes Full = new(
        Writes: 20_000, WriteRuns: 5,
        MemoryEvents: 2_000_000, DatabaseEvents: 500_000, StoredEvents: 1_000_000, ChainRuns: 5, ShaMessages: 2_000_000,
        Models: 100_000, VersionsPerModel: 10, QueryIterations: 100, MatrixIterations: 20,
        FairnessRows: 10_000_000, FairnessRuns: 3,
        OutputBytes: [100L << 20, 1L << 30], OutputRuns: 3, EvidenceEvents: 100_000);

    public static readonly Sizes Quick = new(
        Writes: 1_000, WriteRuns: 2,
        MemoryEvents: 100_000, DatabaseEvents: 20_000, StoredEvents: 50_000, ChainRuns: 2, ShaMessages: 200_000,
        Models: 5_000, VersionsPerModel: 3, QueryIterations: 10, MatrixIterations: 3,
        FairnessRows: 200_000, FairnessRuns: 2,
        OutputBytes: [4L << 20, 16L << 20], OutputRuns: 2, EvidenceEvents: 5_000);
}

using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Portal.Data;

/// <summary>
/// A compiled query (or a set of them), compiled once for each EF model it runs against. EF's compiled query serves the first
/// model it ran with and throws for any other, and each provider (and each test's own options) has its own model; an entry
/// goes when its model is collected.
/// </summary>
public sealed class CompiledPerModel<TQuery>
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> compiled = new();

    // Built once, so that finding the query allocates nothing on the paths that run it thousands of times a second.
    private readonly ConditionalWeakTable<IModel, TQuery>.CreateValueCallback compile;

    public CompiledPerModel(Func<TQuery> compile) => this.compile = _ => compile();

    public TQuery For(DbContext db) => compiled.GetValue(db.Model, compile);
}

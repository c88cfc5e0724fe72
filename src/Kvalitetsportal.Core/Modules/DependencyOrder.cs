namespace Kvalitetsportal.Modules;

/// <summary>Orders features so that each comes after what it depends on; refuses missing and circular dependencies.</summary>
public static class DependencyOrder
{
    public static IReadOnlyList<FeatureDescriptor> Sort(IReadOnlyList<FeatureDescriptor> features)
    {
        var byId = new Dictionary<string, FeatureDescriptor>(StringComparer.OrdinalIgnoreCase);
        foreach (var feature in features)
        {
            if (!byId.TryAdd(feature.Id, feature))
            {
                throw new ModuleLoadException($"Funktionen \"{feature.Id}\" deklareras av både modulen \"{byId[feature.Id].ModuleId}\" och modulen \"{feature.ModuleId}\".");
            }
        }

        foreach (var feature in features)
        {
            foreach (var dependency in feature.Dependencies)
            {
                if (!byId.ContainsKey(dependency))
                {
                    throw new ModuleLoadException($"Modulen \"{feature.ModuleId}\" (funktionen \"{feature.Id}\") beror på \"{dependency}\", som saknas. Lägg till en referens till modulen som innehåller den.");
                }
            }
        }

        var ordered = new List<FeatureDescriptor>(features.Count);
        var state = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase); // false = visiting, true = done
        var path = new Stack<string>();

        void Visit(FeatureDescriptor feature)
        {
            if (state.TryGetValue(feature.Id, out var done))
            {
                if (done)
                {
                    return;
                }

                var cycle = path.Reverse().SkipWhile(id => !string.Equals(id, feature.Id, StringComparison.OrdinalIgnoreCase)).Append(feature.Id);
                throw new ModuleLoadException($"Cirkulärt beroende i modulen \"{feature.ModuleId}\": {string.Join(" → ", cycle)}.");
            }

            state[feature.Id] = false;
            path.Push(feature.Id);
            // Dependencies in declared order keeps the result stable and predictable.
            foreach (var dependency in feature.Dependencies)
            {
                Visit(byId[dependency]);
            }

            path.Pop();
            state[feature.Id] = true;
            ordered.Add(feature);
        }

        foreach (var feature in features.OrderBy(f => f.ModuleId, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            Visit(feature);
        }

        return ordered;
    }
}

public sealed class ModuleLoadException(string message) : Exception(message);

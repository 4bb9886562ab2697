# A theme that cannot be loaded (src/ui/theme.rs): one line, at the start.
theme-unknown = no theme named "{ $name }" (built in: default, light, projector, colorblind; or give a path to a .toml file)
theme-read = cannot read theme { $file }: { $reason }
theme-invalid = theme { $file }, line { $line }: { $reason }
theme-bad-value = theme { $file }, line { $line }, key { $key }: { $reason }
theme-cycle = theme { $name } inherits itself
theme-unknown-colour = unknown colour "{ $colour }" (a name like light_green, #rrggbb, or 0-255)

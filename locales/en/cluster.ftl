# Talking to the cluster (src/cluster/): why stsdash could not reach or
# read it, in one line a user can act on; notes in a log pane. Why an
# action did not happen, and why the API server or a watch does not
# answer, are the model's (model-actions.ftl, model-connection.ftl): a
# recording keeps them as facts. Flags, file names, HTTP statuses and the
# server's own words stay as they are.

## ClusterError (src/cluster/error.rs)
# $why: cluster-kubeconfig-missing or cluster-not-in-a-cluster.
cluster-no-kubeconfig = no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config ({ $why })
cluster-bad-kubeconfig = cannot read kubeconfig { $path }: { $reason }
cluster-unknown-context = context "{ $context }" is not in the kubeconfig
cluster-bad-config = invalid cluster configuration: { $reason }
cluster-unreachable = cannot reach the API server at { $server }: { $reason }
# $code: the HTTP status code (403).
cluster-refused = the API server at { $server } refused the request: { $reason } ({ $code })

## Connecting (src/cluster/connect.rs, proxy.rs)
# In cluster-no-kubeconfig's parentheses. $files: the kubeconfig files looked for.
cluster-kubeconfig-missing = { $files } does not exist
cluster-not-in-a-cluster = not in a cluster either: { $reason }
cluster-insecure-kubeconfig = the kubeconfig turns off checking the server's certificate (insecure-skip-tls-verify) for context { $context }; pass --insecure-skip-tls-verify to accept that
cluster-no-current-context = the kubeconfig has no current context; pass --context
cluster-unknown-cluster = cluster "{ $name }" is not in the kubeconfig
cluster-unknown-user = user "{ $name }" is not in the kubeconfig
# Which file holds an entry the connection used, for an error that names it.
# $kind: context, cluster or user (the kubeconfig's own words).
cluster-entry-in-file = { $kind } "{ $name }" in { $file }
# The proxy the connection goes through (doctor, the piped summary).
# $source: cluster-proxy-from-kubeconfig, or the variable ($HTTPS_PROXY).
cluster-proxy = { $proxy } (from { $source })
cluster-proxy-from-kubeconfig = the kubeconfig's proxy-url
cluster-proxy-not-a-url = the proxy URL { $url } is not a URL
cluster-proxy-scheme = the proxy URL { $url } is not http://, https:// or socks5://
# $duration: the request timeout, as "30s".
cluster-no-answer-within = no answer within { $duration }

## Notes in a log pane (src/cluster/logs.rs); $why: the server's or the connection's words.
cluster-log-failed = [stsdash: no log now: { $why }; trying again]
cluster-log-broke = [stsdash: the log stream broke ({ $why }); following again]

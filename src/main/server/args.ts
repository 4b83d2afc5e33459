// Serve-mode options from flags, then environment (API.md): --data/FLOWDESK_DATA_DIR,
// --port/FLOWDESK_PORT, --token/FLOWDESK_TOKEN, --static/FLOWDESK_STATIC_DIR.
import { AppError } from '../../shared/errors';

export interface ServeArgs {
  data?: string;
  port?: number;
  token?: string;
  staticDir?: string;
}

const FLAGS: Record<string, keyof ServeArgs> = { '--data': 'data', '--port': 'port', '--token': 'token', '--static': 'staticDir' };

export function parseServeArgs(argv: string[], env: NodeJS.ProcessEnv): ServeArgs {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const key = FLAGS[flag];
    if (!key) throw new AppError('VALIDATION_FAILED', `Unknown option ${flag}; use --data DIR, --port N, --token T, --static DIR`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new AppError('VALIDATION_FAILED', `${flag} needs a value`);
    raw[key] = value;
  }
  const data = raw.data ?? env.FLOWDESK_DATA_DIR;
  const portText = raw.port ?? env.FLOWDESK_PORT;
  const token = raw.token ?? env.FLOWDESK_TOKEN;
  const staticDir = raw.staticDir ?? env.FLOWDESK_STATIC_DIR;
  let port: number | undefined;
  if (portText !== undefined && portText !== '') {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('VALIDATION_FAILED', `--port must be 0-65535, got "${portText}"`);
  }
  if (token !== undefined && !/^[A-Za-z0-9._~-]{8,200}$/.test(token)) {
    throw new AppError('VALIDATION_FAILED', 'The token must be 8-200 characters of A-Z a-z 0-9 . _ ~ -');
  }
  return { data: data || undefined, port, token, staticDir: staticDir || undefined };
}

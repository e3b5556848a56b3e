/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test harness, never shipped: a second n8n needs its own user folder */
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Container as ContainerType } from '@n8n/di';
import { InstanceSettings } from 'n8n-core';
import type { IDataObject } from 'n8n-workflow';

// n8n-core's own copies of its DI container, config and logger (npm nests versions other than the top-level ones).
const fromN8nCore = createRequire(require.resolve('n8n-core'));
const { Container } = fromN8nCore('@n8n/di') as { Container: typeof ContainerType };
type SettingsArguments = ConstructorParameters<typeof InstanceSettings>;
const { InstanceSettingsConfig: Config } = fromN8nCore('@n8n/config') as { InstanceSettingsConfig: new () => SettingsArguments[0] };
const { Logger: N8nLogger } = fromN8nCore('@n8n/backend-common') as { Logger: new () => SettingsArguments[1] };

/**
 * Another n8n installation: n8n-core's own InstanceSettings over a user folder of its own and
 * its own encryption key, so its instance id is derived the way n8n derives it. Contexts built
 * inside `whileBuilding` take it, as every context of that n8n would.
 */
export class N8nInstance {
	readonly settings: InstanceSettings;

	constructor(encryptionKey: string) {
		const userHome = mkdtempSync(join(tmpdir(), 'krebit-n8n-instance-'));
		const config = Object.assign(new Config(), { encryptionKey, n8nFolder: join(userHome, '.n8n'), userHome });
		this.settings = new InstanceSettings(config, Container.get(N8nLogger));
	}

	get instanceId(): string {
		return this.settings.instanceId;
	}

	/** Builds a node context as this n8n would (n8n-core reads InstanceSettings from its container). */
	whileBuilding<T>(build: () => T): T {
		const own = Container.get(InstanceSettings);
		Container.set(InstanceSettings, this.settings);
		try {
			return build();
		} finally {
			Container.set(InstanceSettings, own);
		}
	}
}

/**
 * A workflow's static data as n8n's database holds it: every request loads its own copy, and n8n
 * writes the whole value back only when the request changed it (`__dataChanged`), the last
 * write winning, as WorkflowStaticDataService.saveStaticData does.
 */
export class SavedStaticData {
	private json = '{}';

	saves = 0;

	load(): IDataObject {
		return JSON.parse(this.json) as IDataObject;
	}

	saveIfChanged(staticData: IDataObject) {
		if ((staticData as { __dataChanged?: boolean }).__dataChanged !== true) return;
		this.json = JSON.stringify(staticData);
		this.saves++;
	}

	/** What a worker leaves after running with empty static data and saving it back. */
	wipe() {
		this.json = JSON.stringify({ global: { counter: 1 } });
	}
}

/** The instance id every context of the test process's own n8n gets. */
export function ownInstanceId(): string {
	return Container.get(InstanceSettings).instanceId;
}

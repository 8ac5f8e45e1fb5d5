/**
 * The part of the xAPI 1.0.3 statement model coursepack writes (xAPI-Data §2.4), as plain JSON
 * types: what the builders return, the delivery queue stores and reports read back.
 */

/** Language map (Data §5.2.1): RFC 5646 tag → text. */
export type LanguageMap = Readonly<Record<string, string>>;

export interface XapiAccount {
  readonly homePage: string;
  readonly name: string;
}

/** An Agent with exactly one inverse-functional identifier (Data §2.4.2.3). */
export type XapiAgent =
  | { readonly objectType: 'Agent'; readonly name?: string; readonly account: XapiAccount }
  | { readonly objectType: 'Agent'; readonly name?: string; readonly mbox: string }
  | { readonly objectType: 'Agent'; readonly name?: string; readonly mbox_sha1sum: string }
  | { readonly objectType: 'Agent'; readonly name?: string; readonly openid: string };

export interface XapiVerb {
  readonly id: string;
  readonly display: LanguageMap;
}

/** Data §2.4.4.1, interaction components (`choices`). */
export interface InteractionComponent {
  readonly id: string;
  readonly description: LanguageMap;
}

export type InteractionType = 'choice' | 'true-false' | 'matching' | 'fill-in' | 'long-fill-in';

export interface ActivityDefinition {
  readonly type: string;
  readonly name: LanguageMap;
  readonly description?: LanguageMap;
  readonly interactionType?: InteractionType;
  readonly choices?: readonly InteractionComponent[];
  /** `matching` interactions: the items (source) and the answers they are matched to (target), Data §2.4.4.1. */
  readonly source?: readonly InteractionComponent[];
  readonly target?: readonly InteractionComponent[];
  readonly correctResponsesPattern?: readonly string[];
}

export interface XapiActivity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition: ActivityDefinition;
}

export interface XapiScore {
  readonly scaled: number;
  readonly raw: number;
  readonly min: number;
  readonly max: number;
}

export interface XapiResult {
  readonly score?: XapiScore;
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface ContextActivities {
  readonly parent?: readonly XapiActivity[];
  readonly grouping: readonly XapiActivity[];
  readonly category: readonly XapiActivity[];
}

export interface XapiStatementContext {
  readonly registration: string;
  readonly revision: string;
  readonly platform: string;
  readonly language: string;
  readonly contextActivities: ContextActivities;
}

export interface XapiStatement {
  readonly id: string;
  readonly timestamp: string;
  readonly actor: XapiAgent;
  readonly verb: XapiVerb;
  readonly object: XapiActivity;
  readonly result?: XapiResult;
  readonly context: XapiStatementContext;
}

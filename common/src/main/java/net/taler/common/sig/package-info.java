/**
 * Signed structures: one record per EdDSA-signed message of the Dec 2022 GNU Taler
 * protocol, holding its purpose number and field order, with {@code sign(...)} and
 * {@code verify(...)}. No other module assembles a purpose block by hand.
 *
 * <p>Every structure implements {@link net.taler.common.sig.Signable} (except the
 * Edx25519-signed {@link net.taler.common.sig.wallet.AgeAttestation}): it has
 * {@code static final int PURPOSE} and {@code SIZE} (the block size, header
 * included), {@code toPurposeBlock()} giving the exact signed bytes
 * ({@code u32be size || u32be purpose || fields}, crypto.md 3.1), and the default
 * {@code sign(EddsaPrivateKey)} / {@code verify(EddsaPublicKey, EddsaSignature)}.
 * Records take already computed hashes ({@code h_denom_pub}, {@code h_contract_terms},
 * {@code h_wire}, ...) as {@link net.taler.common.crypto.HashCode} /
 * {@link net.taler.common.crypto.ShortHash}; where a field is just the hash of a string
 * (payto URI, base URL, section name, wire method) a static factory does the hashing.
 * Sub-packages are by signer: {@code master}, {@code exchange}, {@code auditor},
 * {@code merchant}, {@code wallet} (reserve, coin, purse, merge and age keys) and
 * {@code secmod}.
 *
 * <p>Protocol quirks handled here (crypto.md 3.4, 10):
 * <ul>
 * <li>1103 exists in a 3-field C layout and a 4-field wallet layout;
 *     {@link net.taler.common.sig.merchant.TrackTransaction#verify} accepts either.</li>
 * <li>1204 link signatures always carry a zero age-commitment hash
 *     ({@link net.taler.common.sig.wallet.CoinLink} writes it itself).</li>
 * <li>1043's operation is a truncated/NUL-padded {@code char[8]}.</li>
 * <li>Signatures the wallet verifies (1022, 1025, 1028) must never contain "never" /
 *     "forever" times: see {@code walletCompatible()} on those records. 1047 does sign
 *     "never" (only the C client checks it).</li>
 * <li>1025 starts with the master public key; 1024 ends with the signing key.</li>
 * <li>1250/1252 hash the secmod key encoding, not the Taler {@code h_denom_pub}.</li>
 * </ul>
 *
 * <table class="striped">
 * <caption>Purpose numbers (GANA as pinned by the Dec 2022 exchange, crypto.md 3.3, secmod.md 5.3)</caption>
 * <thead><tr><th>#</th><th>{@code TALER_SIGNATURE_}...</th><th>structure</th><th>size</th><th>signed by</th><th>verified by</th></tr></thead>
 * <tbody>
 * <tr><td>1018</td><td>{@code MASTER_DRAIN_PROFIT}</td><td>{@link net.taler.common.sig.master.DrainProfit}</td><td>168</td><td>master key (offline tool)</td><td>httpd on upload, auditor</td></tr>
 * <tr><td>1019</td><td>{@code MASTER_PARTNER_DETAILS}</td><td>{@link net.taler.common.sig.master.PartnerDetails}</td><td>152</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1020</td><td>{@code MASTER_SIGNING_KEY_REVOKED}</td><td>{@link net.taler.common.sig.master.SigningKeyRevoked}</td><td>40</td><td>master key (offline tool)</td><td>httpd on upload, auditor</td></tr>
 * <tr><td>1021</td><td>{@code MASTER_ADD_WIRE}</td><td>{@link net.taler.common.sig.master.AddWire}</td><td>48</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1022</td><td>{@code MASTER_GLOBAL_FEES}</td><td>{@link net.taler.common.sig.master.GlobalFees}</td><td>116</td><td>master key (offline tool)</td><td>httpd on upload, wallet, C client</td></tr>
 * <tr><td>1023</td><td>{@code MASTER_DEL_WIRE}</td><td>{@link net.taler.common.sig.master.DelWire}</td><td>48</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1024</td><td>{@code MASTER_SIGNING_KEY_VALIDITY}</td><td>{@link net.taler.common.sig.master.SigningKeyValidity}</td><td>64</td><td>master key (offline tool)</td><td>httpd on upload, C client (merchant), auditor</td></tr>
 * <tr><td>1025</td><td>{@code MASTER_DENOMINATION_KEY_VALIDITY}</td><td>{@link net.taler.common.sig.master.DenominationKeyValidity}</td><td>256</td><td>master key (offline tool)</td><td>httpd on upload, wallet, C client, auditor</td></tr>
 * <tr><td>1026</td><td>{@code MASTER_ADD_AUDITOR}</td><td>{@link net.taler.common.sig.master.AddAuditor}</td><td>112</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1027</td><td>{@code MASTER_DEL_AUDITOR}</td><td>{@link net.taler.common.sig.master.DelAuditor}</td><td>48</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1028</td><td>{@code MASTER_WIRE_FEES}</td><td>{@link net.taler.common.sig.master.WireFees}</td><td>136</td><td>master key (offline tool)</td><td>httpd on upload, wallet, C client</td></tr>
 * <tr><td>1029</td><td>{@code MASTER_DENOMINATION_KEY_REVOKED}</td><td>{@link net.taler.common.sig.master.DenominationKeyRevoked}</td><td>72</td><td>master key (offline tool)</td><td>httpd on upload and before recoup, auditor</td></tr>
 * <tr><td>1030</td><td>{@code MASTER_WIRE_DETAILS}</td><td>{@link net.taler.common.sig.master.WireDetails}</td><td>40</td><td>master key (offline tool)</td><td>httpd on upload, wallet, C client</td></tr>
 * <tr><td>1031</td><td>{@code MASTER_EXTENSION}</td><td>{@link net.taler.common.sig.master.ExtensionManifests}</td><td>72</td><td>master key (offline tool)</td><td>httpd on upload</td></tr>
 * <tr><td>1032</td><td>{@code EXCHANGE_RESERVE_STATUS}</td><td>&mdash;</td><td>-</td><td>exchange</td><td>registered, not used in Dec 2022: no structure</td></tr>
 * <tr><td>1033</td><td>{@code EXCHANGE_CONFIRM_DEPOSIT}</td><td>{@link net.taler.common.sig.exchange.DepositConfirmation}</td><td>312</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client (merchant), auditor</td></tr>
 * <tr><td>1034</td><td>{@code EXCHANGE_CONFIRM_MELT}</td><td>{@link net.taler.common.sig.exchange.MeltConfirmation}</td><td>76</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1035</td><td>{@code EXCHANGE_KEY_SET}</td><td>{@link net.taler.common.sig.exchange.KeySet}</td><td>80</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client (merchant)</td></tr>
 * <tr><td>1036</td><td>{@code EXCHANGE_CONFIRM_WIRE}</td><td>{@link net.taler.common.sig.exchange.WireConfirmation}</td><td>232</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client (merchant)</td></tr>
 * <tr><td>1037</td><td>{@code EXCHANGE_CONFIRM_WIRE_DEPOSIT}</td><td>{@link net.taler.common.sig.exchange.WireDepositConfirmation}</td><td>184</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client (merchant)</td></tr>
 * <tr><td>1038</td><td>{@code EXCHANGE_CONFIRM_REFUND}</td><td>{@link net.taler.common.sig.exchange.RefundConfirmation}</td><td>168</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client (merchant)</td></tr>
 * <tr><td>1039</td><td>{@code EXCHANGE_CONFIRM_RECOUP}</td><td>{@link net.taler.common.sig.exchange.RecoupConfirmation}</td><td>104</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1040</td><td>{@code EXCHANGE_RESERVE_CLOSED}</td><td>{@link net.taler.common.sig.exchange.ReserveClosed}</td><td>160</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1041</td><td>{@code EXCHANGE_CONFIRM_RECOUP_REFRESH}</td><td>{@link net.taler.common.sig.exchange.RecoupRefreshConfirmation}</td><td>104</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1042</td><td>{@code EXCHANGE_AFFIRM_DENOM_UNKNOWN}</td><td>{@link net.taler.common.sig.exchange.DenominationUnknown}</td><td>80</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1043</td><td>{@code EXCHANGE_AFFIRM_DENOM_EXPIRED}</td><td>{@link net.taler.common.sig.exchange.DenominationExpired}</td><td>88</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1044</td><td>{@code EXCHANGE_ACCOUNT_SETUP_SUCCESS}</td><td>{@link net.taler.common.sig.exchange.AccountSetupSuccess}</td><td>112</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1045</td><td>{@code EXCHANGE_CONFIRM_PURSE_CREATION}</td><td>{@link net.taler.common.sig.exchange.PurseCreationConfirmation}</td><td>168</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1046</td><td>{@code EXCHANGE_CONFIRM_PURSE_MERGED}</td><td>{@link net.taler.common.sig.exchange.PurseMergedConfirmation}</td><td>240</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1047</td><td>{@code EXCHANGE_PURSE_STATUS}</td><td>{@link net.taler.common.sig.exchange.PurseStatus}</td><td>48</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1048</td><td>{@code EXCHANGE_RESERVE_ATTEST_DETAILS}</td><td>{@link net.taler.common.sig.exchange.ReserveAttestation}</td><td>120</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1049</td><td>{@code EXCHANGE_CONFIRM_PURSE_REFUND}</td><td>{@link net.taler.common.sig.exchange.PurseRefundConfirmation}</td><td>120</td><td>exchange online signing key (via secmod-eddsa)</td><td>C client</td></tr>
 * <tr><td>1064</td><td>{@code AUDITOR_EXCHANGE_KEYS}</td><td>{@link net.taler.common.sig.auditor.AuditorDenominationValidity}</td><td>320</td><td>auditor key (auditor offline tool)</td><td>httpd on upload, C client</td></tr>
 * <tr><td>1101</td><td>{@code MERCHANT_CONTRACT}</td><td>{@link net.taler.common.sig.merchant.MerchantContract}</td><td>72</td><td>merchant key</td><td>wallet</td></tr>
 * <tr><td>1102</td><td>{@code MERCHANT_REFUND}</td><td>{@link net.taler.common.sig.merchant.RefundRequest}</td><td>136</td><td>merchant key</td><td>httpd</td></tr>
 * <tr><td>1103</td><td>{@code MERCHANT_TRACK_TRANSACTION}</td><td>{@link net.taler.common.sig.merchant.TrackTransaction}</td><td>168 (C layout) / 200 (wallet layout)</td><td>merchant key (and the wallet for its own deposits)</td><td>httpd</td></tr>
 * <tr><td>1104</td><td>{@code MERCHANT_PAYMENT_OK}</td><td>{@link net.taler.common.sig.merchant.PaymentOk}</td><td>72</td><td>merchant key</td><td>wallet</td></tr>
 * <tr><td>1107</td><td>{@code MERCHANT_WIRE_DETAILS}</td><td>{@link net.taler.common.sig.merchant.MerchantWireDetails}</td><td>72</td><td>merchant key</td><td>nobody in Dec 2022</td></tr>
 * <tr><td>1200</td><td>{@code WALLET_RESERVE_WITHDRAW}</td><td>{@link net.taler.common.sig.wallet.WithdrawRequest}</td><td>160</td><td>reserve key</td><td>httpd, auditor</td></tr>
 * <tr><td>1201</td><td>{@code WALLET_COIN_DEPOSIT}</td><td>{@link net.taler.common.sig.wallet.CoinDeposit}</td><td>392</td><td>coin key</td><td>httpd, auditor</td></tr>
 * <tr><td>1202</td><td>{@code WALLET_COIN_MELT}</td><td>{@link net.taler.common.sig.wallet.CoinMelt}</td><td>216</td><td>coin key (old coin)</td><td>httpd, auditor</td></tr>
 * <tr><td>1203</td><td>{@code WALLET_COIN_RECOUP}</td><td>{@link net.taler.common.sig.wallet.CoinRecoup}</td><td>104</td><td>coin key</td><td>httpd, auditor</td></tr>
 * <tr><td>1204</td><td>{@code WALLET_COIN_LINK}</td><td>{@link net.taler.common.sig.wallet.CoinLink}</td><td>200</td><td>coin key (old coin)</td><td>httpd, wallet (link)</td></tr>
 * <tr><td>1205</td><td>{@code WALLET_ACCOUNT_SETUP}</td><td>{@link net.taler.common.sig.wallet.AccountSetup}</td><td>32</td><td>wallet account (reserve) key</td><td>httpd</td></tr>
 * <tr><td>1206</td><td>{@code WALLET_COIN_RECOUP_REFRESH}</td><td>{@link net.taler.common.sig.wallet.CoinRecoupRefresh}</td><td>104</td><td>coin key</td><td>httpd, auditor</td></tr>
 * <tr><td>1207</td><td>{@code WALLET_AGE_ATTESTATION}</td><td>{@link net.taler.common.sig.wallet.AgeAttestation}</td><td>16</td><td>Edx25519 age-commitment key (wallet)</td><td>merchant; httpd for purse deposits with {@code min_age}</td></tr>
 * <tr><td>1208</td><td>{@code WALLET_RESERVE_HISTORY}</td><td>{@link net.taler.common.sig.wallet.ReserveHistoryRequest}</td><td>40</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1209</td><td>{@code WALLET_RESERVE_STATUS}</td><td>{@link net.taler.common.sig.wallet.ReserveStatusRequest}</td><td>16</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1210</td><td>{@code WALLET_PURSE_CREATE}</td><td>{@link net.taler.common.sig.wallet.PurseCreate}</td><td>140</td><td>purse key</td><td>httpd</td></tr>
 * <tr><td>1211</td><td>{@code WALLET_PURSE_DEPOSIT}</td><td>{@link net.taler.common.sig.wallet.PurseDeposit}</td><td>224</td><td>coin key</td><td>httpd, auditor</td></tr>
 * <tr><td>1212</td><td>{@code WALLET_PURSE_STATUS}</td><td>{@link net.taler.common.sig.wallet.PurseStatusRequest}</td><td>8</td><td>purse key</td><td>nobody in Dec 2022</td></tr>
 * <tr><td>1213</td><td>{@code WALLET_PURSE_MERGE}</td><td>{@link net.taler.common.sig.wallet.PurseMerge}</td><td>80</td><td>merge key</td><td>httpd</td></tr>
 * <tr><td>1214</td><td>{@code WALLET_ACCOUNT_MERGE}</td><td>{@link net.taler.common.sig.wallet.AccountMerge}</td><td>176</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1215</td><td>{@code WALLET_RESERVE_CLOSE}</td><td>{@link net.taler.common.sig.wallet.ReserveCloseRequest}</td><td>48</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1216</td><td>{@code WALLET_PURSE_ECONTRACT}</td><td>{@link net.taler.common.sig.wallet.PurseEcontract}</td><td>104</td><td>purse key</td><td>httpd</td></tr>
 * <tr><td>1217</td><td>{@code WALLET_RESERVE_OPEN}</td><td>{@link net.taler.common.sig.wallet.ReserveOpenRequest}</td><td>52</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1218</td><td>{@code WALLET_RESERVE_OPEN_DEPOSIT}</td><td>{@link net.taler.common.sig.wallet.ReserveOpenDeposit}</td><td>96</td><td>coin key</td><td>httpd</td></tr>
 * <tr><td>1219</td><td>{@code WALLET_RESERVE_ATTEST_DETAILS}</td><td>{@link net.taler.common.sig.wallet.ReserveAttestRequest}</td><td>80</td><td>reserve key</td><td>httpd</td></tr>
 * <tr><td>1250</td><td>{@code SM_RSA_DENOMINATION_KEY}</td><td>{@link net.taler.common.sig.secmod.RsaKeyAnnouncement}</td><td>152</td><td>RSA secmod's SM key</td><td>httpd, offline tool</td></tr>
 * <tr><td>1251</td><td>{@code SM_SIGNING_KEY}</td><td>{@link net.taler.common.sig.secmod.SigningKeyAnnouncement}</td><td>56</td><td>EdDSA secmod's SM key</td><td>httpd, offline tool</td></tr>
 * <tr><td>1252</td><td>{@code SM_CS_DENOMINATION_KEY}</td><td>{@link net.taler.common.sig.secmod.CsKeyAnnouncement}</td><td>152</td><td>CS secmod's SM key</td><td>httpd, offline tool</td></tr>
 * <tr><td>1302</td><td>{@code CLIENT_TEST_EDDSA}</td><td>&mdash;</td><td>-</td><td>tests</td><td>test purpose only: no structure</td></tr>
 * <tr><td>1303</td><td>{@code EXCHANGE_TEST_EDDSA}</td><td>&mdash;</td><td>-</td><td>tests</td><td>test purpose only: no structure</td></tr>
 * <tr><td>1400</td><td>{@code ANASTASIS_POLICY_UPLOAD}</td><td>&mdash;</td><td>-</td><td>Anastasis</td><td>not exchange protocol: no structure</td></tr>
 * <tr><td>1450</td><td>{@code SYNC_BACKUP_UPLOAD}</td><td>{@link net.taler.common.sig.wallet.SyncBackupUpload}</td><td>136</td><td>the wallet's sync account key</td><td>sync service</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Not listed: 1401 (ANASTASIS_POLICY_DOWNLOAD, only in the wallet's own enum, not in
 * GANA) and the numbers added to GANA in 2023 (1017, 1050, 1220, 1221, 1350, 1351).
 */
package net.taler.common.sig;
